using Glance.Runtime.Activation;
using Glance.Storage;

namespace Glance.Runtime.State;

/// <summary>Creates the state objects for a new activation; state rows are keyed "{grain type}.{state name}" + grain key.</summary>
internal sealed class PersistentStateFactory(IStorageProvider storage)
{
    public IPersistentStateReader Create(GrainId id, PersistentStateSlot slot)
    {
        var type = typeof(PersistentState<>).MakeGenericType(slot.StateType);
        return (IPersistentStateReader)Activator.CreateInstance(type, storage.GrainState, $"{id.Type}.{slot.StateName}", id.Key)!;
    }
}

/// <summary>What the runtime needs of any state, whatever its type: to read it before activation.</summary>
internal interface IPersistentStateReader
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}
