using System.Net.Sockets;
using Glance.Media.Fetching;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Fetching;

public sealed class SsrfGuardTests
{
    private static SsrfGuard Guard(IHostResolver resolver, params string[] allowed) =>
        new(Options.Create(new SourceAccessOptions { AllowedNetworks = [.. allowed], DnsTimeout = TimeSpan.FromSeconds(2) }), resolver);

    private static SsrfGuard SystemGuard(params string[] allowed)
    {
        var options = Options.Create(new SourceAccessOptions { AllowedNetworks = [.. allowed], DnsTimeout = TimeSpan.FromSeconds(2) });
        return new SsrfGuard(options, new DnsHostResolver(options));
    }

    [Fact]
    public async Task Localhost_resolved_by_the_system_is_refused_as_loopback()
    {
        var act = () => SystemGuard().ValidateSourceAsync(new Uri("http://localhost:8080/live.m3u8"), CancellationToken.None);
        var denial = (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which;
        denial.Reason.Should().Be(SourceAccessDeniedReason.LoopbackAddress);
        denial.Message.Should().StartWith("The source host localhost resolves to ");
    }

    [Fact]
    public async Task Localhost_is_accepted_when_loopback_is_allow_listed()
    {
        await SystemGuard("127.0.0.0/8", "::1/128").ValidateSourceAsync(new Uri("http://localhost:8080/live.m3u8"), CancellationToken.None);
    }

    [Fact]
    public async Task A_name_resolving_to_a_private_address_is_refused_with_host_and_address()
    {
        var resolver = new StaticHostResolver().Add("cam.example.com", "10.1.2.3");
        var act = () => Guard(resolver).ValidateSourceAsync(new Uri("https://cam.example.com/live.m3u8"), CancellationToken.None);
        var denial = (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which;
        denial.Reason.Should().Be(SourceAccessDeniedReason.PrivateAddress);
        denial.Message.Should().Be(
            "The source host cam.example.com resolves to 10.1.2.3, a private network address; only public addresses are allowed unless the operator allow-lists the network (Ingest:AllowedNetworks).");
    }

    [Fact]
    public async Task One_private_address_among_public_ones_refuses_the_host()
    {
        var resolver = new StaticHostResolver().Add("mixed.example.com", "93.184.216.34", "2606:4700::1", "fd00::5");
        var act = () => Guard(resolver).ValidateSourceAsync(new Uri("https://mixed.example.com/live.m3u8"), CancellationToken.None);
        (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which.Reason.Should().Be(SourceAccessDeniedReason.PrivateAddress);
    }

    [Fact]
    public async Task A_name_resolving_to_metadata_is_refused_even_when_allow_listed()
    {
        var resolver = new StaticHostResolver().Add("imds.example.com", "169.254.169.254");
        var act = () => Guard(resolver, "169.254.0.0/16").ValidateSourceAsync(new Uri("http://imds.example.com/"), CancellationToken.None);
        (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which.Reason.Should().Be(SourceAccessDeniedReason.Metadata);
    }

    [Fact]
    public async Task Metadata_host_names_are_refused_without_being_resolved()
    {
        var resolver = new StaticHostResolver().Add("metadata.google.internal", "93.184.216.34");
        var act = () => Guard(resolver, "0.0.0.0/0").ValidateSourceAsync(new Uri("http://metadata.google.internal/computeMetadata/v1/"), CancellationToken.None);
        (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which.Reason.Should().Be(SourceAccessDeniedReason.Metadata);
        resolver.CallsFor("metadata.google.internal").Should().Be(0);
    }

    [Fact]
    public async Task A_public_name_is_accepted()
    {
        var resolver = new StaticHostResolver().Add("cdn.example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946");
        await Guard(resolver).ValidateSourceAsync(new Uri("https://cdn.example.com/live.m3u8?token=abc"), CancellationToken.None);
        resolver.CallsFor("cdn.example.com").Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_name_is_refused_as_unresolvable()
    {
        var act = () => Guard(new StaticHostResolver()).ValidateSourceAsync(new Uri("https://nowhere.example.com/live.m3u8"), CancellationToken.None);
        var denial = (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which;
        denial.Reason.Should().Be(SourceAccessDeniedReason.UnresolvableHost);
        denial.InnerException.Should().BeOfType<SocketException>();
    }

    [Fact]
    public async Task A_name_the_system_cannot_resolve_is_refused_as_unresolvable()
    {
        // .invalid never resolves (RFC 6761); on a machine without DNS this ends by the resolver's timeout instead.
        var act = () => SystemGuard().ValidateSourceAsync(new Uri("http://glance-test.invalid/live.m3u8"), CancellationToken.None);
        (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which.Reason.Should().Be(SourceAccessDeniedReason.UnresolvableHost);
    }

    [Fact]
    public async Task Literal_addresses_are_checked_without_the_resolver()
    {
        var resolver = new StaticHostResolver();
        var act = () => Guard(resolver).ValidateSourceAsync(new Uri("http://[::1]/live.m3u8"), CancellationToken.None);
        (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which.Reason.Should().Be(SourceAccessDeniedReason.LoopbackAddress);
        await Guard(resolver).ValidateSourceAsync(new Uri("http://8.8.8.8/live.m3u8"), CancellationToken.None);
    }
}
