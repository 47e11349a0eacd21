namespace Glance.Grains.Engagement.Learning;

/// <summary>
/// Turns engagements into one reward per decision. An impression opens the decision's attribution window; the first
/// click, answer, vote or purchase reports reward 1 (also without an impression: a device may not report those); a
/// dismissal reports 0; a window that closes without a reward reports 0. Anything later about a resolved decision is
/// ignored, so repeats and late clicks never count twice. In memory only and bounded: the learner keeps its model
/// durable, not the few seconds of open windows.
/// </summary>
public sealed class RewardAttribution(TimeSpan window, int maxPending)
{
    private readonly Dictionary<string, (LearningObservation Impression, DateTimeOffset Closes)> pending = new(StringComparer.Ordinal);
    private readonly Queue<string> pendingOrder = new();
    private readonly HashSet<string> resolved = new(StringComparer.Ordinal);
    private readonly Queue<string> resolvedOrder = new();

    public int Pending => pending.Count;

    public void Observe(LearningObservation observation, List<ResolvedReward> output)
    {
        var id = observation.DecisionId;
        if (resolved.Contains(id))
        {
            return;
        }

        switch (observation.Outcome)
        {
            case LearningOutcome.Impression when !pending.ContainsKey(id):
                if (pending.Count >= maxPending)
                {
                    CloseOldest(output);
                }

                pending[id] = (observation, observation.At + window);
                pendingOrder.Enqueue(id);
                break;
            case LearningOutcome.Impression:
                break;
            case LearningOutcome.Reward:
                var late = pending.Remove(id, out var open) && observation.At > open.Closes;
                Resolve(observation, late ? 0 : 1, output);
                break;
            case LearningOutcome.NoReward:
                pending.Remove(id);
                Resolve(observation, 0, output);
                break;
        }
    }

    /// <summary>Reports 0 for every impression whose window closed before <paramref name="now"/>.</summary>
    public void Close(DateTimeOffset now, List<ResolvedReward> output)
    {
        // The queue is in arrival order and every window is as long, so the expired ones are at its head (ids already
        // resolved by a reward are skipped there).
        while (pendingOrder.TryPeek(out var id))
        {
            if (pending.TryGetValue(id, out var open))
            {
                if (open.Closes > now)
                {
                    return;
                }

                pending.Remove(id);
                Resolve(open.Impression, 0, output);
            }

            pendingOrder.Dequeue();
        }
    }

    private void CloseOldest(List<ResolvedReward> output)
    {
        while (pendingOrder.TryDequeue(out var id))
        {
            if (pending.Remove(id, out var open))
            {
                Resolve(open.Impression, 0, output);
                return;
            }
        }
    }

    private void Resolve(LearningObservation observation, double reward, List<ResolvedReward> output)
    {
        output.Add(new ResolvedReward(observation, reward));
        resolved.Add(observation.DecisionId);
        resolvedOrder.Enqueue(observation.DecisionId);
        // Remembered about as long as the open windows, so that a late repeat of a resolved decision is still recognised.
        while (resolvedOrder.Count > maxPending && resolvedOrder.TryDequeue(out var oldest))
        {
            resolved.Remove(oldest);
        }
    }
}
