namespace Glance.Grains.Monitoring;

/// <summary>The program on air at an instant, by binary search over a validated (ordered, contiguous) schedule.</summary>
public static class ProgramLookup
{
    /// <returns>The program whose [start, end) holds <paramref name="at"/>, or null.</returns>
    public static ScheduledProgram? At(IReadOnlyList<ScheduledProgram> programs, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(programs);
        int low = 0, high = programs.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var program = programs[middle];
            if (at < program.Start)
            {
                high = middle - 1;
            }
            else if (at >= program.End)
            {
                low = middle + 1;
            }
            else
            {
                return program;
            }
        }

        return null;
    }
}
