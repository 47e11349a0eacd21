using System.Net;
using System.Threading.RateLimiting;
using Amazon.Runtime;
using Glance.Detection.Rekognition;
using Glance.Detection.Rekognition.Wire;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Rekognition;

public sealed class RekognitionClientTests
{
    [Fact]
    public async Task Throttling_is_retried_and_then_succeeds()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.MaxRetries = 3);
        harness.Server.FailNext(2, "ThrottlingException", "Rate exceeded");

        var response = await harness.Client.DetectLabelsAsync(await LabelsRequestAsync(), CancellationToken.None);

        response.Labels.Should().HaveCount(3);
        harness.Server.RequestCount.Should().Be(3);
    }

    [Theory]
    [InlineData("ProvisionedThroughputExceededException", HttpStatusCode.BadRequest)]
    [InlineData("InternalServerError", HttpStatusCode.InternalServerError)]
    [InlineData("SomethingNew", HttpStatusCode.ServiceUnavailable)]
    public async Task Capacity_and_server_errors_are_retried(string errorType, HttpStatusCode status)
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.MaxRetries = 2);
        harness.Server.FailNext(1, errorType, "try again", status);

        var response = await harness.Client.DetectLabelsAsync(await LabelsRequestAsync(), CancellationToken.None);

        response.Labels.Should().NotBeEmpty();
        harness.Server.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_fails_with_the_aws_error()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.MaxRetries = 2);
        harness.Server.FailNext(10, "ThrottlingException", "Rate exceeded");

        var request = await LabelsRequestAsync();

        var act = () => harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RekognitionException>()).Which;
        error.ErrorType.Should().Be("ThrottlingException");
        error.ErrorMessage.Should().Be("Rate exceeded");
        error.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.Attempts.Should().Be(3);
        error.Operation.Should().Be("DetectLabels");
        error.Message.Should().Be("Rekognition DetectLabels failed after 3 attempts: ThrottlingException (HTTP 400): Rate exceeded");
        harness.Server.RequestCount.Should().Be(3);
    }

    [Fact]
    public async Task An_invalid_image_is_not_retried()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.MaxRetries = 3);
        var notAnImage = "GIF89a, or anything else that is not a JPEG"u8.ToArray();

        var act = () => harness.Client.DetectLabelsAsync(new DetectLabelsRequest(new RekognitionImage(notAnImage), 10, 50), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RekognitionException>()).Which;
        error.ErrorType.Should().Be("InvalidImageFormatException");
        error.ErrorMessage.Should().Be("Request has invalid image format");
        error.Attempts.Should().Be(1);
        harness.Server.RequestCount.Should().Be(1);
    }

    [Theory]
    [InlineData("AccessDeniedException")]
    [InlineData("ImageTooLargeException")]
    [InlineData("ResourceNotReadyException")]
    public async Task Client_errors_are_not_retried(string errorType)
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.MaxRetries = 3);
        harness.Server.FailNext(1, errorType, "no");

        var request = await LabelsRequestAsync();

        var act = () => harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        (await act.Should().ThrowAsync<RekognitionException>()).Which.ErrorType.Should().Be(errorType);
        harness.Server.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task A_silent_server_times_out_each_attempt_and_fails_as_a_timeout()
    {
        await using var harness = await RekognitionHarness.StartAsync(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(500);
            o.MaxRetries = 1;
        });
        harness.Server.Delay = TimeSpan.FromMinutes(5);

        var request = await LabelsRequestAsync();

        var act = () => harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RekognitionException>()).Which;
        error.ErrorType.Should().Be("RequestTimeout");
        error.Attempts.Should().Be(2);
        error.StatusCode.Should().BeNull();
    }

    [Fact]
    public async Task The_callers_cancellation_stops_at_once_without_retrying()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.MaxRetries = 3);
        harness.Server.Delay = TimeSpan.FromMinutes(5);
        using var cancellation = new CancellationTokenSource();

        var call = harness.Client.DetectLabelsAsync(await LabelsRequestAsync(), cancellation.Token);
        await Eventually.TrueAsync(() => harness.Server.Received.Count == 1, "the server received the call");
        await cancellation.CancelAsync();

        await call.Invoking(c => c).Should().ThrowAsync<OperationCanceledException>();
        harness.Server.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task The_request_budget_lets_through_only_the_tokens_it_has()
    {
        using var budget = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 2,
            TokensPerPeriod = 2,

            // No timer: tokens come back only through TryReplenish (which still honours the period, hence 1 ms).
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(1),
            AutoReplenishment = false,
            QueueLimit = 10,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        await using var harness = await RekognitionHarness.StartAsync(budget: budget);
        var request = await LabelsRequestAsync();
        using var cancellation = new CancellationTokenSource();

        var calls = Enumerable.Range(0, 5).Select(_ => harness.Client.DetectLabelsAsync(request, cancellation.Token)).ToList();
        await Eventually.TrueAsync(() => calls.Count(c => c.IsCompletedSuccessfully) == 2 && budget.GetStatistics()!.CurrentQueuedCount == 3, "two calls done and three queued");

        harness.Server.RequestCount.Should().Be(2);

        budget.TryReplenish().Should().BeTrue();
        await Eventually.TrueAsync(() => calls.Count(c => c.IsCompletedSuccessfully) == 4 && budget.GetStatistics()!.CurrentQueuedCount == 1, "four calls done and one queued");
        harness.Server.RequestCount.Should().Be(4);

        await cancellation.CancelAsync();
        await Eventually.TrueAsync(() => calls.All(c => c.IsCompleted), "every call completed");
        calls.Count(c => c.IsCanceled).Should().Be(1);
        harness.Server.RequestCount.Should().Be(4);
    }

    [Fact]
    public async Task A_full_budget_queue_fails_the_request_without_sending_it()
    {
        using var budget = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromHours(1),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
        await using var harness = await RekognitionHarness.StartAsync(budget: budget);
        var request = await LabelsRequestAsync();
        await harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        var act = () => harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RekognitionException>()).Which;
        error.ErrorType.Should().Be("RequestBudgetExceeded");
        error.Attempts.Should().Be(0);
        harness.Server.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_servers_signature_check()
    {
        var wrong = new BasicAWSCredentials(LocalRekognitionServer.AccessKey, "not-the-secret");
        await using var harness = await RekognitionHarness.StartAsync(o => o.MaxRetries = 3, credentials: wrong);

        var request = await LabelsRequestAsync();

        var act = () => harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RekognitionException>()).Which;
        error.ErrorType.Should().Be("InvalidSignatureException");
        error.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        harness.Server.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Temporary_credentials_send_and_sign_their_session_token()
    {
        var temporary = new SessionAWSCredentials(LocalRekognitionServer.AccessKey, LocalRekognitionServer.SecretKey, "FwoGZXIvYXdzEXAMPLETOKEN");
        await using var harness = await RekognitionHarness.StartAsync(credentials: temporary);

        var response = await harness.Client.DetectLabelsAsync(await LabelsRequestAsync(), CancellationToken.None);

        response.Labels.Should().NotBeEmpty();
        harness.Server.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Credentials_that_cannot_be_had_fail_clearly_without_sending_anything()
    {
        await using var harness = await RekognitionHarness.StartAsync(o => o.MaxRetries = 1, credentials: new UnavailableCredentials());
        var request = await LabelsRequestAsync();

        var act = () => harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RekognitionException>()).Which;
        error.ErrorType.Should().Be("MissingCredentials");
        error.ErrorMessage.Should().Be("The instance metadata service did not answer.");
        error.Attempts.Should().Be(0, "neither try could be signed, so nothing was sent");
        harness.Server.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_documented_json_is_a_clear_error()
    {
        await using var harness = await RekognitionHarness.StartAsync();
        harness.Server.Answer("DetectLabels", "{\"Labels\": \"not a list\"}");

        var request = await LabelsRequestAsync();

        var act = () => harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        (await act.Should().ThrowAsync<RekognitionException>()).Which.ErrorType.Should().Be("MalformedResponse");
    }

    [Fact]
    public async Task The_request_carries_the_image_as_base64_and_the_operation_parameters()
    {
        await using var harness = await RekognitionHarness.StartAsync();
        var request = await LabelsRequestAsync();

        await harness.Client.DetectLabelsAsync(request, CancellationToken.None);

        var received = harness.Server.Received.Should().ContainSingle().Which;
        received.Operation.Should().Be("DetectLabels");
        received.Image.Should().Equal(request.Image.Bytes.ToArray());
        received.Body.GetProperty("MaxLabels").GetInt32().Should().Be(10);
        received.Body.GetProperty("MinConfidence").GetDouble().Should().Be(55);
    }

    [Theory]
    [InlineData("http://rekognition.example.com/", null, "plain http")]
    [InlineData(null, "Mars-1", "not an AWS region")]
    [InlineData("ftp://127.0.0.1/", null, "absolute http(s)")]
    public void Unsafe_or_invalid_settings_are_refused_up_front(string? endpoint, string? region, string reason)
    {
        var options = new RekognitionOptions { Endpoint = endpoint is null ? null : new Uri(endpoint), Region = region ?? "eu-west-1" };
        using var http = new HttpClient();

        var act = () => new RekognitionClient(http, Options.Create(options), RekognitionHarness.TestCredentials);

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{reason}*");
    }

    [Theory]
    [InlineData("https://vpce-0123.rekognition.eu-west-1.vpce.amazonaws.com/")]
    [InlineData("http://localhost:4566/")]
    [InlineData("http://[::1]:4566/")]
    public void Https_endpoints_and_loopback_http_are_accepted(string endpoint)
    {
        using var http = new HttpClient();

        using var client = new RekognitionClient(http, Options.Create(new RekognitionOptions { Endpoint = new Uri(endpoint) }), RekognitionHarness.TestCredentials);

        client.Endpoint.Should().Be(new Uri(endpoint));
    }

    [Fact]
    public void The_default_endpoint_is_the_regional_one()
    {
        using var http = new HttpClient();

        using var client = new RekognitionClient(http, Options.Create(new RekognitionOptions { Region = "eu-west-1" }), RekognitionHarness.TestCredentials);

        client.Endpoint.Should().Be(new Uri("https://rekognition.eu-west-1.amazonaws.com/"));
    }

    private static async Task<DetectLabelsRequest> LabelsRequestAsync() =>
        new(new RekognitionImage(await RekognitionHarness.SmallJpegAsync()), 10, 55);

    private sealed class UnavailableCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("The instance metadata service did not answer.");
    }
}
