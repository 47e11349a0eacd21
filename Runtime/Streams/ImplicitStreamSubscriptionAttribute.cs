namespace Glance.Runtime.Streams;

/// <summary>
/// On a grain class: every stream of this namespace is delivered to the grain whose key is the stream's key,
/// activating it when needed. The grain attaches its handler in OnActivateAsync.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    public string StreamNamespace { get; } = streamNamespace;
}
