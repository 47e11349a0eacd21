using System.Net;
using System.Text.Json;

namespace Glance.Detection.Rekognition;

/// <summary>Reads an AWS JSON-protocol error answer ({"__type": "...#ThrottlingException", "Message": "..."}); no I/O.</summary>
internal static class RekognitionErrorParser
{
    private static readonly HashSet<string> RetryableTypes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "InternalServerError",
        "ServiceUnavailableException",
    };

    public static RekognitionException Parse(string operation, HttpStatusCode status, string? errorTypeHeader, ReadOnlySpan<byte> body, out bool retryable)
    {
        string? type = errorTypeHeader;
        string? message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isType = reader.ValueTextEquals("__type") || reader.ValueTextEquals("code");
                    var isMessage = reader.ValueTextEquals("message") || reader.ValueTextEquals("Message");
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (isType)
                        {
                            type ??= reader.GetString();
                        }
                        else if (isMessage)
                        {
                            message ??= reader.GetString();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status code and whatever the header said will have to do.
        }

        var errorType = Sanitize(type) ?? $"Http{(int)status}";
        retryable = RetryableTypes.Contains(errorType) || (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
        return new RekognitionException(operation, errorType, message ?? "The service gave no message.", status);
    }

    /// <summary>"aws.protocoltests#FooError:http://..." -> "FooError".</summary>
    private static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var value = raw.AsSpan();
        var colon = value.IndexOfAny(':', ',');
        if (colon >= 0)
        {
            value = value[..colon];
        }

        var hash = value.LastIndexOf('#');
        if (hash >= 0)
        {
            value = value[(hash + 1)..];
        }

        value = value.Trim();
        return value.IsEmpty ? null : value.ToString();
    }
}
