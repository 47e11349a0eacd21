namespace Glance.Runtime;

/// <summary>Hands out references to grains. A reference is cheap, can be kept, and is usable from anywhere in the process.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
