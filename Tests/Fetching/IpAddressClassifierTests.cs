using System.Net;
using Glance.Media.Fetching;

namespace Glance.Tests.Fetching;

public sealed class IpAddressClassifierTests
{
    [Theory]
    // IPv4 public
    [InlineData("8.8.8.8", AddressCategory.Public)]
    [InlineData("93.184.216.34", AddressCategory.Public)]
    [InlineData("1.1.1.1", AddressCategory.Public)]
    [InlineData("100.63.255.255", AddressCategory.Public)]
    [InlineData("100.128.0.0", AddressCategory.Public)]
    [InlineData("172.15.255.255", AddressCategory.Public)]
    [InlineData("172.32.0.0", AddressCategory.Public)]
    [InlineData("192.167.255.255", AddressCategory.Public)]
    [InlineData("198.17.255.255", AddressCategory.Public)]
    [InlineData("198.20.0.0", AddressCategory.Public)]
    [InlineData("223.255.255.255", AddressCategory.Public)]
    [InlineData("169.253.255.255", AddressCategory.Public)]
    // IPv4 special
    [InlineData("0.0.0.0", AddressCategory.Unspecified)]
    [InlineData("0.1.2.3", AddressCategory.Reserved)]
    [InlineData("10.0.0.1", AddressCategory.Private)]
    [InlineData("10.255.255.255", AddressCategory.Private)]
    [InlineData("172.16.0.1", AddressCategory.Private)]
    [InlineData("172.31.255.255", AddressCategory.Private)]
    [InlineData("192.168.1.1", AddressCategory.Private)]
    [InlineData("100.64.0.1", AddressCategory.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressCategory.SharedAddressSpace)]
    [InlineData("127.0.0.1", AddressCategory.Loopback)]
    [InlineData("127.255.255.254", AddressCategory.Loopback)]
    [InlineData("169.254.0.1", AddressCategory.LinkLocal)]
    [InlineData("169.254.169.253", AddressCategory.LinkLocal)]
    [InlineData("192.0.0.8", AddressCategory.Reserved)]
    [InlineData("192.0.2.10", AddressCategory.Documentation)]
    [InlineData("198.51.100.7", AddressCategory.Documentation)]
    [InlineData("203.0.113.200", AddressCategory.Documentation)]
    [InlineData("198.18.0.1", AddressCategory.Benchmarking)]
    [InlineData("198.19.255.255", AddressCategory.Benchmarking)]
    [InlineData("192.88.99.1", AddressCategory.Reserved)]
    [InlineData("224.0.0.1", AddressCategory.Multicast)]
    [InlineData("239.255.255.250", AddressCategory.Multicast)]
    [InlineData("240.0.0.1", AddressCategory.Reserved)]
    [InlineData("255.255.255.254", AddressCategory.Reserved)]
    [InlineData("255.255.255.255", AddressCategory.Broadcast)]
    // Cloud metadata
    [InlineData("169.254.169.254", AddressCategory.CloudMetadata)]
    [InlineData("169.254.170.2", AddressCategory.CloudMetadata)]
    [InlineData("169.254.170.23", AddressCategory.CloudMetadata)]
    [InlineData("100.100.100.200", AddressCategory.CloudMetadata)]
    [InlineData("192.0.0.192", AddressCategory.CloudMetadata)]
    [InlineData("168.63.129.16", AddressCategory.CloudMetadata)]
    [InlineData("fd00:ec2::254", AddressCategory.CloudMetadata)]
    [InlineData("fd00:ec2::23", AddressCategory.CloudMetadata)]
    // IPv6 public
    [InlineData("2606:4700:4700::1111", AddressCategory.Public)]
    [InlineData("2a00:1450:4001:81d::200e", AddressCategory.Public)]
    [InlineData("2001:4860:4860::8888", AddressCategory.Public)]
    [InlineData("3ffe::1", AddressCategory.Public)]
    // IPv6 special
    [InlineData("::", AddressCategory.Unspecified)]
    [InlineData("::1", AddressCategory.Loopback)]
    [InlineData("fe80::1", AddressCategory.LinkLocal)]
    [InlineData("febf:ffff::1", AddressCategory.LinkLocal)]
    [InlineData("fec0::1", AddressCategory.Private)]
    [InlineData("fc00::1", AddressCategory.Private)]
    [InlineData("fd12:3456:789a::1", AddressCategory.Private)]
    [InlineData("ff02::1", AddressCategory.Multicast)]
    [InlineData("ff05::1:3", AddressCategory.Multicast)]
    [InlineData("2001:db8::1", AddressCategory.Documentation)]
    [InlineData("3fff:0fff::1", AddressCategory.Documentation)]
    [InlineData("2001:2::1", AddressCategory.Benchmarking)]
    [InlineData("2001:10::1", AddressCategory.Reserved)]
    [InlineData("2001:1ff::1", AddressCategory.Reserved)]
    [InlineData("100::1", AddressCategory.Reserved)]
    [InlineData("64:ff9b:1::a00:1", AddressCategory.Reserved)]
    [InlineData("5f00::1", AddressCategory.Reserved)]
    [InlineData("4000::1", AddressCategory.Reserved)]
    [InlineData("::2:0:0:1", AddressCategory.Reserved)]
    // IPv6 forms carrying IPv4: judged by the IPv4 address
    [InlineData("::ffff:10.0.0.1", AddressCategory.Private)]
    [InlineData("::ffff:127.0.0.1", AddressCategory.Loopback)]
    [InlineData("::ffff:169.254.169.254", AddressCategory.CloudMetadata)]
    [InlineData("::ffff:8.8.8.8", AddressCategory.Public)]
    [InlineData("::ffff:0:10.0.0.1", AddressCategory.Private)]
    [InlineData("::127.0.0.1", AddressCategory.Loopback)]
    [InlineData("::10.1.2.3", AddressCategory.Private)]
    [InlineData("64:ff9b::10.0.0.1", AddressCategory.Private)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressCategory.CloudMetadata)]
    [InlineData("64:ff9b::8.8.8.8", AddressCategory.Public)]
    [InlineData("2002:0a00:0001::1", AddressCategory.Private)]
    [InlineData("2002:7f00:0001::1", AddressCategory.Loopback)]
    [InlineData("2002:a9fe:a9fe::1", AddressCategory.CloudMetadata)]
    [InlineData("2002:0808:0808::1", AddressCategory.Public)]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe", AddressCategory.Private)] // Teredo, client 10.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7", AddressCategory.Reserved)] // Teredo, public client 8.8.8.8
    public void Classifies(string address, AddressCategory expected)
    {
        IpAddressClassifier.Classify(IPAddress.Parse(address)).Should().Be(expected, because: address);
    }

    [Fact]
    public void Scope_ids_do_not_change_the_category()
    {
        var scoped = IPAddress.Parse("fe80::1%2");
        IpAddressClassifier.Classify(scoped).Should().Be(AddressCategory.LinkLocal);
        var metadata = IPAddress.Parse("fd00:ec2::254");
        metadata.ScopeId = 3;
        IpAddressClassifier.Classify(metadata).Should().Be(AddressCategory.CloudMetadata);
    }

    [Fact]
    public void Only_public_addresses_are_public()
    {
        IpAddressClassifier.IsPublic(IPAddress.Parse("8.8.4.4")).Should().BeTrue();
        IpAddressClassifier.IsPublic(IPAddress.Parse("::ffff:192.168.0.1")).Should().BeFalse();
        IpAddressClassifier.IsPublic(IPAddress.Parse("168.63.129.16")).Should().BeFalse();
    }
}
