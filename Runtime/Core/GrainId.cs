namespace Glance.Runtime;

/// <summary>Identity of one grain: its type name (stable, used in storage keys) and its string key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
