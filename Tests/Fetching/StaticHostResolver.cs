using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Glance.Media.Fetching;

namespace Glance.Tests.Fetching;

/// <summary>
/// A resolver with a fixed zone, for names that cannot exist on a loopback-only machine (a name with a private
/// address, a rebinding name). Each name maps to a list of answers; call n gets answer n (the last one repeats).
/// </summary>
internal sealed class StaticHostResolver : IHostResolver
{
    private readonly Dictionary<string, IPAddress[][]> zone = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.OrdinalIgnoreCase);

    public StaticHostResolver Add(string host, params string[] addresses)
    {
        zone[host] = [[.. addresses.Select(IPAddress.Parse)]];
        return this;
    }

    /// <summary>Answers that change from call to call, like a rebinding attacker's DNS server.</summary>
    public StaticHostResolver AddSequence(string host, params string[][] answers)
    {
        zone[host] = [.. answers.Select(answer => answer.Select(IPAddress.Parse).ToArray())];
        return this;
    }

    public int CallsFor(string host) => calls.GetValueOrDefault(host);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var call = calls.AddOrUpdate(host, 1, (_, n) => n + 1);
        if (!zone.TryGetValue(host, out var answers))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        return Task.FromResult(answers[Math.Min(call, answers.Length) - 1]);
    }
}
