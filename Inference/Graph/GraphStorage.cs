using System.Buffers;

namespace Glance.Inference.Graph;

/// <summary>
/// The buffer behind one or more <see cref="GraphValue"/>s (views such as Reshape share it). A run's intermediate
/// buffers are rented from the shared array pools and go back when their last pending use is released, so a warmed-up
/// run allocates no large arrays. Constants and caller-owned feeds are never returned or overwritten.
/// </summary>
internal sealed class GraphStorage
{
    private float[]? floats;
    private int[]? ints;
    private int pendingUses;

    private GraphStorage(float[]? floats, int[]? ints, bool pooled)
    {
        this.floats = floats;
        this.ints = ints;
        Pooled = pooled;
    }

    /// <summary>True when the run owns the buffer: it may be overwritten in place and is returned to the pool.</summary>
    public bool Pooled { get; }

    public int PendingUses => Volatile.Read(ref pendingUses);

    public float[] Floats => floats ?? throw new InvalidOperationException("The value has been released or holds integers.");

    public int[] Ints => ints ?? throw new InvalidOperationException("The value has been released or holds floats.");

    public bool IsFloat => floats is not null;

    public static GraphStorage RentFloats(int length) => new(ArrayPool<float>.Shared.Rent(Math.Max(length, 1)), null, pooled: true);

    public static GraphStorage RentInts(int length) => new(null, ArrayPool<int>.Shared.Rent(Math.Max(length, 1)), pooled: true);

    /// <summary>Takes over an array rented from <see cref="ArrayPool{T}.Shared"/> (an Nn op's output buffer).</summary>
    public static GraphStorage AdoptPooled(float[] rented) => new(rented, null, pooled: true);

    public static GraphStorage Borrow(float[] data) => new(data, null, pooled: false);

    public static GraphStorage Borrow(int[] data) => new(null, data, pooled: false);

    public void AddUses(int count)
    {
        if (Pooled)
        {
            Interlocked.Add(ref pendingUses, count);
        }
    }

    public void Release()
    {
        if (!Pooled || Interlocked.Decrement(ref pendingUses) != 0)
        {
            return;
        }

        var f = Interlocked.Exchange(ref floats, null);
        if (f is not null)
        {
            ArrayPool<float>.Shared.Return(f);
        }

        var i = Interlocked.Exchange(ref ints, null);
        if (i is not null)
        {
            ArrayPool<int>.Shared.Return(i);
        }
    }
}
