using System.Net;
using System.Text;
using Glance.Detection.Rekognition;

namespace Glance.Tests.Rekognition;

public sealed class RekognitionErrorParserTests
{
    [Theory]
    [InlineData("{\"__type\":\"com.amazonaws.rekognition#ThrottlingException\",\"Message\":\"Rate exceeded\"}", null, "ThrottlingException", "Rate exceeded", true)]
    [InlineData("{\"__type\":\"InvalidImageFormatException\",\"message\":\"Request has invalid image format\"}", null, "InvalidImageFormatException", "Request has invalid image format", false)]
    [InlineData("{\"message\":\"Access denied\"}", "AccessDeniedException:http://internal.amazon.com/coral/", "AccessDeniedException", "Access denied", false)]
    [InlineData("<html>Bad gateway</html>", null, "Http502", "The service gave no message.", true)]
    public void Error_answers_are_read_as_type_and_message(string body, string? header, string type, string message, bool retryable)
    {
        var status = body.StartsWith('<') ? HttpStatusCode.BadGateway : HttpStatusCode.BadRequest;

        var error = RekognitionErrorParser.Parse("DetectText", status, header, Encoding.UTF8.GetBytes(body), out var isRetryable);

        error.ErrorType.Should().Be(type);
        error.ErrorMessage.Should().Be(message);
        isRetryable.Should().Be(retryable);
    }
}
