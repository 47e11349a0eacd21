namespace Glance.Tests.Infrastructure;

/// <summary>Test classes marked <c>[Collection(DynaliteCollection.Name)]</c> share one <see cref="DynaliteFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
