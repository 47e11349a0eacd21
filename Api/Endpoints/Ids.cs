namespace Glance.Api.Endpoints;

/// <summary>Checks ids taken from URLs and bodies against the one public id pattern.</summary>
internal static class Ids
{
    public static void Require(string? id, string field)
    {
        if (!ResourceId.IsValid(id))
        {
            throw new ValidationFailedException(field, $"Ids are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit ({ResourceId.Pattern}).");
        }
    }
}
