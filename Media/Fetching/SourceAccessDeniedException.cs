using System.Net;

namespace Glance.Media.Fetching;

/// <summary>
/// A source was refused by the access policy (SSRF guard). <see cref="Exception.Message"/> is written for the person
/// who registered the source; <see cref="Reason"/> is for machines (problem detail types, metrics).
/// </summary>
public sealed class SourceAccessDeniedException : Exception
{
    public SourceAccessDeniedException(SourceAccessDeniedReason reason, string message, string? host = null, IPAddress? address = null, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        Host = host;
        Address = address;
    }

    public SourceAccessDeniedReason Reason { get; }

    /// <summary>The host name or address literal that was refused, when the refusal concerns a host.</summary>
    public string? Host { get; }

    /// <summary>The address that was refused, when the refusal concerns an address.</summary>
    public IPAddress? Address { get; }
}
