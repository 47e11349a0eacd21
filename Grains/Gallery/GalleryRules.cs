namespace Glance.Grains.Gallery;

/// <summary>Collects every broken rule of a gallery definition, each with its field, and reports them together.</summary>
internal sealed class GalleryRules
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

    /// <summary>A name of 1 to <paramref name="maxLength"/> printable characters.</summary>
    public void RequireText(string field, string? value, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > maxLength || value.Any(char.IsControl))
        {
            Fail(field, $"{what} is required: 1 to {maxLength} printable characters.");
        }
    }

    /// <summary>What the item is made from (its images' result) must come with a new item; an update may keep the old.</summary>
    public void RequireWhenCreating(bool given, bool creating, string field, string message)
    {
        if (!given && creating)
        {
            Fail(field, message);
        }
    }

    /// <exception cref="ValidationFailedException">At least one rule is broken.</exception>
    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
