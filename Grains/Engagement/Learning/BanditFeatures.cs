using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Glance.Grains.Engagement.Learning;

/// <summary>
/// The fixed-size feature vector of one eligible instrument in one decision. The arms are disjoint (one linear model per
/// instrument), so what is constant for an instrument (its kind, its targeting lists, its bid) would only repeat the
/// bias; what enters is what varies between decisions:
/// <list type="number">
/// <item>0: bias (1).</item>
/// <item>1: how many context entities the instrument's targeting matched (0, 1/3, 2/3, 1 for three or more).</item>
/// <item>2: the viewer's reward rate on instruments of this kind (rewarded / (served + 2)).</item>
/// <item>3: the viewer's reward rate over every kind.</item>
/// <item>4: the share of the viewer's recent servings that were of this kind (saturation).</item>
/// <item>5: time in the event, saturating at two hours.</item>
/// <item>6: how busy the screen is: distinct context entities, saturating at ten.</item>
/// <item>7-15: the context entities (kind:id, or kind:name without an id), hashed with a sign into 9 buckets, scaled to unit length.</item>
/// <item>16-31: the viewer's profile (segments, interests, age range, country, gender), hashed the same way into 16 buckets.</item>
/// </list>
/// Hashing keeps the dimension and the model's size fixed however many entities and segments exist; collisions only add noise.
/// </summary>
public static class BanditFeatures
{
    public const int Dimension = 32;

    private const int EntityStart = 7;
    private const int EntityBuckets = 9;
    private const int ProfileStart = EntityStart + EntityBuckets;
    private const int ProfileBuckets = Dimension - ProfileStart;

    /// <summary>Tokens hashed per group; more would be the client's or the timeline's unbounded input.</summary>
    private const int MaxTokens = 64;

    /// <summary>One candidate's vector, on its own (a decision builds all its candidates' into one rented buffer).</summary>
    public static float[] Build(RankingContext context, RankingCandidate candidate)
    {
        Span<float> shared = stackalloc float[Dimension];
        Shared(context, shared);
        var x = new float[Dimension];
        Build(shared, context, candidate, x);
        return x;
    }

    /// <summary>
    /// One candidate's vector into <paramref name="x"/> (<see cref="Dimension"/> long, which a decision may rent):
    /// <paramref name="shared"/> (from <see cref="Shared(RankingContext, Span{float})"/>, not changed) with the candidate's own values.
    /// </summary>
    public static void Build(ReadOnlySpan<float> shared, RankingContext context, RankingCandidate candidate, Span<float> x)
    {
        shared[..Dimension].CopyTo(x);
        var history = context.History ?? ViewerHistory.Empty;
        var kind = (int)candidate.Instrument.Definition.Kind;
        x[1] = Math.Min(candidate.Matched.Count, 3) / 3f;
        x[2] = history.Rewarded[kind] / (history.Served[kind] + 2f);
        x[4] = history.Served[kind] / (history.TotalServed + 1f);
    }

    /// <summary>
    /// The values every candidate of one decision shares (bias, the viewer's overall reward rate, time, the screen, the
    /// hashed entities and profile): worked out once per decision rather than once per candidate.
    /// </summary>
    public static float[] Shared(RankingContext context)
    {
        var x = new float[Dimension];
        Shared(context, x);
        return x;
    }

    /// <summary><see cref="Shared(RankingContext)"/> into <paramref name="x"/> (<see cref="Dimension"/> long, cleared here).</summary>
    public static void Shared(RankingContext context, Span<float> x)
    {
        x[..Dimension].Clear();
        var history = context.History ?? ViewerHistory.Empty;
        x[0] = 1;
        x[3] = history.TotalRewarded / (history.TotalServed + 2f);
        x[5] = (float)Math.Clamp(context.Position / 7200, 0, 1);
        x[6] = Math.Min(context.Entities.Count, 10) / 10f;

        // Indexed loops: a foreach over these interfaces would allocate an enumerator per decision.
        var entities = context.Entities;
        for (var i = 0; i < entities.Count && i < MaxTokens; i++)
        {
            var entity = entities[i];
            Hash(x, EntityStart, EntityBuckets, entity.Kind, entity.Id ?? entity.Name);
        }

        Normalize(x, EntityStart, EntityBuckets);
        if (context.Profile is { } profile)
        {
            var tokens = 0;
            _ = HashAll(x, "segment", profile.Segments, ref tokens)
                && HashAll(x, "interest", profile.Interests, ref tokens)
                && HashOne(x, "age", profile.AgeRange, ref tokens)
                && HashOne(x, "country", profile.Country, ref tokens)
                && HashOne(x, "gender", profile.Gender, ref tokens);
            Normalize(x, ProfileStart, ProfileBuckets);
        }
    }

    /// <returns>False once <see cref="MaxTokens"/> profile tokens are hashed: the rest are left out.</returns>
    private static bool HashAll(Span<float> x, string group, IReadOnlyList<string>? values, ref int tokens)
    {
        for (var i = 0; values is not null && i < values.Count; i++)
        {
            if (!HashOne(x, group, values[i] ?? string.Empty, ref tokens))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HashOne(Span<float> x, string group, string? value, ref int tokens)
    {
        if (value is null)
        {
            return true;
        }

        if (tokens++ == MaxTokens)
        {
            return false;
        }

        Hash(x, ProfileStart, ProfileBuckets, group, value);
        return true;
    }

    /// <summary>
    /// A stable hash (not string.GetHashCode, which differs per process): every silo must put a token in the same bucket.
    /// The hash is of the UTF-8 of "group:value" in invariant lower case, built on the stack for the usual short token.
    /// </summary>
    private static void Hash(Span<float> x, int start, int buckets, string group, string value)
    {
        const int StackChars = 128;
        var length = group.Length + 1 + value.Length;
        char[]? rentedChars = null;
        byte[]? rentedBytes = null;
        try
        {
            var token = length <= StackChars ? stackalloc char[StackChars] : (rentedChars = ArrayPool<char>.Shared.Rent(length));
            group.AsSpan().ToLowerInvariant(token);
            token[group.Length] = ':';
            value.AsSpan().ToLowerInvariant(token[(group.Length + 1)..]);
            var maxBytes = Encoding.UTF8.GetMaxByteCount(length);
            var utf8 = maxBytes <= StackChars * 3 ? stackalloc byte[StackChars * 3] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
            var written = Encoding.UTF8.GetBytes(token[..length], utf8);
            var hash = XxHash32.HashToUInt32(utf8[..written]);
            var sign = (hash & 0x8000_0000u) == 0 ? 1f : -1f;
            x[start + (int)((hash & 0x7FFF_FFFFu) % (uint)buckets)] += sign;
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }

            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    private static void Normalize(Span<float> x, int start, int count)
    {
        var squares = 0f;
        for (var i = start; i < start + count; i++)
        {
            squares += x[i] * x[i];
        }

        if (squares > 0)
        {
            var scale = 1 / MathF.Sqrt(squares);
            for (var i = start; i < start + count; i++)
            {
                x[i] *= scale;
            }
        }
    }
}
