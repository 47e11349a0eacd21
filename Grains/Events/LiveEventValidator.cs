using Glance.Detection;
using Glance.Grains.Interfaces.Events;

namespace Glance.Grains.Events;

/// <summary>The rules an event definition must meet; every broken rule is reported with its field.</summary>
public static class LiveEventValidator
{
    /// <exception cref="ValidationFailedException">At least one rule is broken.</exception>
    public static void Validate(LiveEventDefinition definition, EventOptions options, bool allowFileSources)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 200)
        {
            Fail("name", "A name is required, at most 200 characters.");
        }

        if (definition.EndsAt <= definition.StartsAt)
        {
            Fail("endsAt", "The end must be after the start.");
        }
        else if (definition.EndsAt - definition.StartsAt > options.MaxDuration)
        {
            Fail("endsAt", $"An event lasts at most {options.MaxDuration.TotalDays:0.#} days.");
        }

        if (definition.Source is null || !definition.Source.IsAbsoluteUri)
        {
            Fail("source", "The source must be an absolute http(s) URL of an HLS playlist.");
        }
        else if (definition.Source.Scheme is not ("http" or "https") && !(allowFileSources && definition.Source.IsFile))
        {
            Fail("source", $"The source scheme '{definition.Source.Scheme}' is not allowed; use http or https.");
        }
        else if (definition.Source.OriginalString.Length > 2048)
        {
            Fail("source", "The source URL is longer than 2048 characters.");
        }

        if (definition.Sampling is { } sampling)
        {
            if (sampling.EveryNthKeyframe is { } n && (n < 1 || n > 100))
            {
                Fail("sampling.everyNthKeyframe", "Every Nth keyframe takes an N from 1 to 100.");
            }

            if (sampling.EveryNthKeyframe is null && (double.IsNaN(sampling.FramesPerSecond) || sampling.FramesPerSecond < 0.05 || sampling.FramesPerSecond > 10))
            {
                Fail("sampling.framesPerSecond", "The sampling rate is between 0.05 and 10 frames per second.");
            }
        }

        if (definition.Variant is { MaxHeight: { } height } && (height < 144 || height > 4320))
        {
            Fail("variant.maxHeight", "The maximum height is between 144 and 4320 lines.");
        }

        if (definition.Detectors is { } detectors)
        {
            foreach (var unknown in detectors.Where(d => !DetectorCatalog.KnownNames.Contains(d)).Take(5))
            {
                Fail("detectors", $"Unknown detector '{unknown}'. Known: {string.Join(", ", DetectorCatalog.KnownNames)}.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
