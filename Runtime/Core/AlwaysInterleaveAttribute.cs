namespace Glance.Runtime;

/// <summary>
/// On a grain interface method: calls run at once, alongside the current turn, instead of queueing behind it (as in
/// Orleans). Only for methods that read state published for concurrent readers, such as an immutable snapshot; the
/// grain must not mutate anything from such a method.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute;
