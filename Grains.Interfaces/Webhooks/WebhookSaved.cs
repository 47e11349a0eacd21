namespace Glance.Grains.Interfaces.Webhooks;

/// <summary>The answer to a create, replace or rotate.</summary>
/// <param name="Secret">The signing secret ("whsec_" + base64): only when it was just generated (create, rotate); never readable again.</param>
/// <param name="Created">True when the webhook did not exist before.</param>
[GenerateSerializer, Immutable, Alias("glance.webhooks.saved")]
public sealed record WebhookSaved(
    [property: Id(0)] WebhookView Webhook,
    [property: Id(1)] string? Secret,
    [property: Id(2)] bool Created);
