using Orleans.Storage;
using Glance.Media.Fetching;
using Glance.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Glance.Api.Http;

/// <summary>
/// Maps exceptions that escape an endpoint to RFC 9457 problem details with a clear message. Unexpected failures
/// answer 500 without internals; the log has the details under the same trace id.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A request the framework could not bind is answered like one our validation refused: an errors map by field.
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } unbound
            && BindingErrors.Find(httpContext, unbound) is { Count: > 0 } bindingErrors)
        {
            exception = new ValidationFailedException(bindingErrors);
        }

        if (exception is ValidationFailedException invalid)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Invalid request",
                    Detail = invalid.Message,
                },
            });
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge } => (StatusCodes.Status413PayloadTooLarge, "Payload too large", tooLarge.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => (StatusCodes.Status413PayloadTooLarge, "Payload too large", tooLarge.Message),
            // The framework's binding messages name .NET types; one it raised for a cause not found above gets a general word.
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } => (StatusCodes.Status400BadRequest, "Bad request", "The request could not be read; see /openapi/v1.json for its parameters and body."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            ResourceNotFoundException notFound => (StatusCodes.Status404NotFound, "Not found", notFound.Message),
            SourceAccessDeniedException denied => (StatusCodes.Status400BadRequest, "Source not allowed", denied.Message),
            ResourceConflictException conflict => (StatusCodes.Status409Conflict, "Conflict", conflict.Message),
            InconsistentStateException => (StatusCodes.Status409Conflict, "Conflict", "The resource changed while the request was handled; retry it."),
            TimeoutException => (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The service did not answer in time; retry later."),
            // A silo that died is unreachable until membership declares it dead and its grains move: seconds, not a fault of ours.
            Orleans.Runtime.OrleansMessageRejectionException => (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "Part of the cluster is unreachable while it recovers; retry in a few seconds."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The request was cancelled."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The request failed unexpectedly. The log has details under this trace id."),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Transient by design (a silo failing over, a slow store): the caller is told when to retry, the log warns.
            httpContext.Response.Headers.RetryAfter = "5";
            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Error}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string error, string reason);
}
