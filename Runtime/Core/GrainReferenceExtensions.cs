using Glance.Runtime.Activation;

namespace Glance.Runtime;

public static class GrainReferenceExtensions
{
    /// <summary>The key of a grain reference obtained from <see cref="IGrainFactory.GetGrain{TGrainInterface}"/>.</summary>
    public static string GetPrimaryKeyString(this IGrainWithStringKey grain) => grain switch
    {
        GrainProxy proxy => proxy.Id.Key,
        Grain instance => instance.GetPrimaryKeyString(),
        _ => throw new ArgumentException("Not a grain reference.", nameof(grain)),
    };
}
