namespace Glance.Grains.Interfaces.Common;

/// <summary>Base of the errors grains report to callers for a caller's mistake; the API maps them to problem details.</summary>
[GenerateSerializer]
public abstract class DomainException(string message) : Exception(message);

/// <summary>The resource does not exist (or belongs to another tenant, which must look the same).</summary>
[GenerateSerializer, Alias("glance.not-found")]
public sealed class ResourceNotFoundException(string resource, string id)
    : DomainException($"{resource} '{id}' was not found.")
{
    [Id(0)]
    public string Resource { get; } = resource;

    [Id(1)]
    public string Id { get; } = id;
}

/// <summary>The request is well-formed but its values are not acceptable; <see cref="Errors"/> names each field.</summary>
[GenerateSerializer, Alias("glance.validation-failed")]
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("One or more values are not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public ValidationFailedException(string field, string error)
        : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }

    [Id(0)]
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The request conflicts with the resource's current state (it already exists, it is in the wrong state).</summary>
[GenerateSerializer, Alias("glance.conflict")]
public sealed class ResourceConflictException(string message) : DomainException(message);
