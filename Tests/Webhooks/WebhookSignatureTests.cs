using System.Text;
using Glance.Grains.Webhooks;
using Glance.Media.Webhooks;

namespace Glance.Tests.Webhooks;

/// <summary>The signing scheme against the Standard Webhooks published vector (what receivers' libraries verify), and the back-off bounds.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");

    [Fact]
    public void The_signature_reproduces_the_standard_webhooks_test_vector()
    {
        WebhookSignature.Sign(Secret, Id, 1614265330, Body).Should().Be("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void Verification_refuses_old_timestamps_other_ids_and_accepts_any_of_several_signatures()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1614265330);
        var header = "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

        WebhookSignature.Verify(Secret, Id, "1614265330", header, Body, at.AddMinutes(4), TimeSpan.FromMinutes(5)).Should().BeTrue();
        WebhookSignature.Verify(Secret, Id, "1614265330", header, Body, at.AddMinutes(6), TimeSpan.FromMinutes(5)).Should().BeFalse("a replay outside the tolerance");
        WebhookSignature.Verify(Secret, "msg_other", "1614265330", header, Body, at, TimeSpan.FromMinutes(5)).Should().BeFalse();
        WebhookSignature.Verify(Secret, Id, "not-a-time", header, Body, at, TimeSpan.FromMinutes(5)).Should().BeFalse();
        WebhookSignature.NewSecret().Should().StartWith("whsec_").And.NotBe(WebhookSignature.NewSecret());
    }

    [Theory]
    [InlineData(1, 0.999, 5)]
    [InlineData(3, 0.999, 20)]
    [InlineData(20, 0.999, 600)]
    public void Back_off_doubles_up_to_its_ceiling_and_jitter_stays_below_it(int retry, double random, double ceilingSeconds)
    {
        var delay = WebhookBackoff.Delay(retry, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), random);

        delay.TotalSeconds.Should().BeApproximately(ceilingSeconds * random, 0.01);
        WebhookBackoff.Delay(retry, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), 0).Should().Be(TimeSpan.Zero);
    }
}
