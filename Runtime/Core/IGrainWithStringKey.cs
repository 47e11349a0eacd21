namespace Glance.Runtime;

/// <summary>A grain interface addressed by a string key, as in Orleans.</summary>
public interface IGrainWithStringKey : IGrain;
