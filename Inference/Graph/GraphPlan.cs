namespace Glance.Inference.Graph;

/// <summary>One node to run: its kernel and the value slots it reads and writes.</summary>
internal sealed record GraphStep(string NodeName, string Op, GraphKernel Kernel, int[] Inputs, int[] Outputs);

/// <summary>
/// The nodes needed for one set of requested outputs, in dependency order, with how many times each value is read
/// (consumers plus requests) so buffers go back to the pool right after their last read.
/// </summary>
internal sealed record GraphPlan(GraphStep[] Steps, int[] UseCounts, int[] OutputValues, int[] Placeholders, int MaxInputs, int MaxOutputs);
