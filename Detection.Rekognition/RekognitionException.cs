using System.Net;

namespace Glance.Detection.Rekognition;

/// <summary>
/// A Rekognition request that did not produce an answer: the AWS error type (for example "InvalidImageFormatException",
/// "ThrottlingException" after the retries ran out, "AccessDeniedException") or one of ours ("RequestTimeout",
/// "NetworkError", "MalformedResponse", "RequestBudgetExceeded", "MissingCredentials", "ImageTooLarge").
/// </summary>
public sealed class RekognitionException : Exception
{
    public RekognitionException(string operation, string errorType, string errorMessage, HttpStatusCode? statusCode = null, int attempts = 1, Exception? inner = null)
        : base(Describe(operation, errorType, errorMessage, statusCode, attempts), inner)
    {
        Operation = operation;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    public string Operation { get; }

    public string ErrorType { get; }

    /// <summary>The service's own message (or ours), without the operation and attempt details.</summary>
    public string ErrorMessage { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>How many requests were sent before giving up (0 when none could be sent).</summary>
    public int Attempts { get; }

    internal RekognitionException AfterAttempts(int attempts) =>
        new(Operation, ErrorType, ErrorMessage, StatusCode, attempts, InnerException);

    private static string Describe(string operation, string errorType, string errorMessage, HttpStatusCode? statusCode, int attempts)
    {
        var status = statusCode is { } code ? $" (HTTP {(int)code})" : "";
        var tries = attempts > 1 ? $" after {attempts} attempts" : "";
        return $"Rekognition {operation} failed{tries}: {errorType}{status}: {errorMessage}";
    }
}
