namespace Glance.Inference.Graph;

/// <summary>A node input as written in model.json: "name" (output 0), "name:1" (output 1) or "^name" (control only).</summary>
public readonly record struct GraphInputReference(string NodeName, int OutputIndex, bool IsControl)
{
    public static GraphInputReference Parse(string text, string owner)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new GraphModelException($"Node '{owner}' has an empty input name.");
        }

        if (text[0] == '^')
        {
            return new GraphInputReference(text[1..], 0, IsControl: true);
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return new GraphInputReference(text[..colon], index, IsControl: false);
        }

        return new GraphInputReference(text, 0, IsControl: false);
    }

    public override string ToString() => IsControl ? $"^{NodeName}" : OutputIndex == 0 ? NodeName : $"{NodeName}:{OutputIndex}";
}
