namespace Glance.Media.Webhooks;

/// <summary>One attempt to deliver a signed payload.</summary>
/// <param name="Id">The delivery id (<c>webhook-id</c>), the same on every attempt.</param>
/// <param name="Secret">The webhook's signing secret ("whsec_" + base64).</param>
/// <param name="Body">The JSON payload, signed as sent.</param>
public sealed record WebhookPost(Uri Url, string Id, string Secret, ReadOnlyMemory<byte> Body);
