using System.Collections.Concurrent;
using Glance.Media.Frames;

namespace Glance.Detection;

/// <summary>
/// A frame on its way through the detectors, with a per-frame memo so that detectors share derived work (the text
/// recognized once serves both the text and the team detector; a greyscale or resized copy is made once).
/// </summary>
public sealed class DetectionFrame(RgbImage image)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> shared = new(StringComparer.Ordinal);

    public RgbImage Image { get; } = image;

    /// <summary>
    /// Offers a value that is being computed elsewhere (for several frames at once) under <paramref name="key"/>, so
    /// that <see cref="SharedAsync{T}"/> awaits it rather than computing its own. False when the key is taken already.
    /// </summary>
    public bool TryOffer<T>(string key, Task<T> computation)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(computation);
        return shared.TryAdd(key, new Lazy<Task<object>>(async () => await computation.ConfigureAwait(false)));
    }

    /// <summary>
    /// Computes a value once per frame under <paramref name="key"/>; concurrent callers await the same computation.
    /// The first caller's cancellation token is used for the computation.
    /// </summary>
    public async Task<T> SharedAsync<T>(string key, Func<CancellationToken, Task<T>> factory, CancellationToken cancellationToken)
        where T : notnull
    {
        var lazy = shared.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await factory(cancellationToken).ConfigureAwait(false)));
        try
        {
            return (T)await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            // A failed or cancelled computation must not poison later callers with another token.
            shared.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(key, lazy));
            throw;
        }
    }
}
