using System.Net;
using Glance.Media.Fetching;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Fetching;

public sealed class NetworkPolicyTests
{
    private static NetworkPolicy Policy(params string[] allowed) => new(new SourceAccessOptions { AllowedNetworks = [.. allowed] });

    [Theory]
    [InlineData("http://127.0.0.1/live.m3u8", SourceAccessDeniedReason.LoopbackAddress)]
    [InlineData("http://10.0.0.1/live.m3u8", SourceAccessDeniedReason.PrivateAddress)]
    [InlineData("http://169.254.169.254/latest/meta-data/", SourceAccessDeniedReason.Metadata)]
    [InlineData("http://[::1]:8080/live.m3u8", SourceAccessDeniedReason.LoopbackAddress)]
    [InlineData("http://[::ffff:10.0.0.1]/live.m3u8", SourceAccessDeniedReason.PrivateAddress)]
    [InlineData("http://[::ffff:169.254.169.254]/", SourceAccessDeniedReason.Metadata)]
    [InlineData("http://[fd00:ec2::254]/latest/", SourceAccessDeniedReason.Metadata)]
    [InlineData("http://[fe80::1%25eth0]/", SourceAccessDeniedReason.LinkLocalAddress)]
    [InlineData("http://0x7f.1/", SourceAccessDeniedReason.LoopbackAddress)]
    [InlineData("http://2130706433/", SourceAccessDeniedReason.LoopbackAddress)]
    [InlineData("http://0/", SourceAccessDeniedReason.ReservedAddress)]
    [InlineData("http://100.64.1.1/", SourceAccessDeniedReason.PrivateAddress)]
    [InlineData("http://224.0.0.1/", SourceAccessDeniedReason.ReservedAddress)]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", SourceAccessDeniedReason.Metadata)]
    [InlineData("http://METADATA.google.internal./", SourceAccessDeniedReason.Metadata)]
    [InlineData("ftp://example.com/live.m3u8", SourceAccessDeniedReason.Scheme)]
    [InlineData("gopher://example.com/", SourceAccessDeniedReason.Scheme)]
    [InlineData("file:///etc/passwd", SourceAccessDeniedReason.FileNotAllowed)]
    [InlineData("http://user:secret@example.com/live.m3u8", SourceAccessDeniedReason.UserInfo)]
    public void Refuses_urls_that_point_inward_or_are_not_http(string url, SourceAccessDeniedReason reason)
    {
        var act = () => Policy().EnsureUrlAllowed(new Uri(url), viaRedirect: false);
        act.Should().Throw<SourceAccessDeniedException>().Which.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData("https://cdn.example.com/live/master.m3u8")]
    [InlineData("http://93.184.216.34:8080/a.m3u8")]
    [InlineData("https://[2606:4700:4700::1111]/a.m3u8")]
    public void Accepts_public_http_urls(string url)
    {
        var act = () => Policy().EnsureUrlAllowed(new Uri(url), viaRedirect: false);
        act.Should().NotThrow();
    }

    [Fact]
    public void Private_address_message_says_what_and_how_to_allow_it()
    {
        var act = () => Policy().EnsureUrlAllowed(new Uri("http://10.0.0.1/live.m3u8"), viaRedirect: false);
        var denial = act.Should().Throw<SourceAccessDeniedException>().Which;
        denial.Message.Should().Be(
            "The source address 10.0.0.1 is a private network address; only public addresses are allowed unless the operator allow-lists the network (Ingest:AllowedNetworks).");
        denial.Address.Should().Be(IPAddress.Parse("10.0.0.1"));
    }

    [Fact]
    public void A_redirect_target_is_named_as_such()
    {
        var act = () => Policy().EnsureUrlAllowed(new Uri("http://192.168.0.7/x"), viaRedirect: true);
        act.Should().Throw<SourceAccessDeniedException>().WithMessage("The redirect target address 192.168.0.7 *");
    }

    [Fact]
    public void A_redirect_never_leads_to_a_file_even_when_files_are_allowed()
    {
        var policy = new NetworkPolicy(new SourceAccessOptions { AllowFileSources = true, AllowedFileRoots = ["/"] });
        var act = () => policy.EnsureUrlAllowed(new Uri("file:///etc/passwd"), viaRedirect: true);
        act.Should().Throw<SourceAccessDeniedException>().Which.Reason.Should().Be(SourceAccessDeniedReason.Scheme);
    }

    [Fact]
    public void Allow_list_admits_exactly_its_networks_in_both_notations()
    {
        var policy = Policy("127.0.0.1/32", "fd12:3456::/32", "10.20.0.0/16", "192.168.5.5");
        policy.IsAllowed(IPAddress.Parse("127.0.0.1")).Should().BeTrue();
        policy.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")).Should().BeTrue();
        policy.IsAllowed(IPAddress.Parse("127.0.0.2")).Should().BeFalse();
        policy.IsAllowed(IPAddress.Parse("::1")).Should().BeFalse();
        policy.IsAllowed(IPAddress.Parse("fd12:3456:1::9")).Should().BeTrue();
        policy.IsAllowed(IPAddress.Parse("fd12:3457::9")).Should().BeFalse();
        policy.IsAllowed(IPAddress.Parse("10.20.255.1")).Should().BeTrue();
        policy.IsAllowed(IPAddress.Parse("10.21.0.1")).Should().BeFalse();
        policy.IsAllowed(IPAddress.Parse("192.168.5.5")).Should().BeTrue();
        policy.IsAllowed(IPAddress.Parse("192.168.5.6")).Should().BeFalse();
        policy.IsAllowed(IPAddress.Parse("8.8.8.8")).Should().BeTrue();
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.170.2")]
    [InlineData("100.100.100.200")]
    [InlineData("168.63.129.16")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:169.254.169.254")]
    public void Metadata_addresses_stay_refused_under_an_allow_everything_list(string address)
    {
        var policy = Policy("0.0.0.0/0", "::/0");
        policy.IsAllowed(IPAddress.Parse("10.1.2.3")).Should().BeTrue();
        policy.IsAllowed(IPAddress.Parse("169.254.1.1")).Should().BeTrue();
        var act = () => policy.EnsureAllowed(IPAddress.Parse(address), host: null);
        act.Should().Throw<SourceAccessDeniedException>()
            .Which.Should().Match<SourceAccessDeniedException>(e => e.Reason == SourceAccessDeniedReason.Metadata && e.Message.Contains("never fetched"));
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("")]
    public void Invalid_allow_list_entries_fail_validation_naming_the_key(string entry)
    {
        var act = () => SourceAccessOptionsValidator.EnsureValid(new SourceAccessOptions { AllowedNetworks = [entry] });
        act.Should().Throw<OptionsValidationException>().WithMessage("*Ingest:AllowedNetworks*");
    }

    [Fact]
    public void File_sources_without_a_root_fail_validation()
    {
        var act = () => SourceAccessOptionsValidator.EnsureValid(new SourceAccessOptions { AllowFileSources = true });
        act.Should().Throw<OptionsValidationException>().WithMessage("*Ingest:AllowedFileRoots*");
    }

    [Fact]
    public void Default_options_are_valid()
    {
        var act = () => SourceAccessOptionsValidator.EnsureValid(new SourceAccessOptions());
        act.Should().NotThrow();
    }
}
