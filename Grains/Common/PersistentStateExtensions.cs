using Orleans.Storage;

namespace Glance.Grains.Common;

/// <summary>Read-modify-write for grain state that another writer (an operator's tool, a second deployment) may touch.</summary>
public static class PersistentStateExtensions
{
    /// <summary>
    /// Applies <paramref name="update"/> and writes; when another writer got there first, reloads the stored state and
    /// applies the update again to it, up to <paramref name="maxAttempts"/> times. The update must be a pure function
    /// of the state it is given, because it may run more than once.
    /// </summary>
    public static async Task<TState> UpdateAsync<TState>(
        this IPersistentState<TState> state,
        Func<TState, TState> update,
        CancellationToken cancellationToken = default,
        int maxAttempts = 5)
        where TState : class, new()
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            state.State = update(state.State);
            try
            {
                await state.WriteStateAsync(cancellationToken);
                return state.State;
            }
            catch (InconsistentStateException) when (attempt < maxAttempts)
            {
                await state.ReadStateAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// <see cref="UpdateAsync{TState}"/> for a grain that answers only what is stored: the update changes the state in
    /// memory before the write, so when the write fails <paramref name="forget"/> (the grain's DeactivateOnIdle) drops
    /// the activation and the next call reads the stored state again instead of answering the unsaved change.
    /// </summary>
    public static async Task<TState> UpdateOrForgetAsync<TState>(
        this IPersistentState<TState> state,
        Func<TState, TState> update,
        Action forget,
        CancellationToken cancellationToken = default)
        where TState : class, new()
    {
        ArgumentNullException.ThrowIfNull(forget);
        try
        {
            return await state.UpdateAsync(update, cancellationToken);
        }
        catch
        {
            forget();
            throw;
        }
    }
}
