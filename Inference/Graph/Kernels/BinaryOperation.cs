using System.Numerics;

namespace Glance.Inference.Graph.Kernels;

internal enum BinaryOperation
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Maximum,
    Minimum,
    FloorDivide,
    FloorModulo,
    Equal,
    NotEqual,
    Greater,
    GreaterEqual,
    Less,
    LessEqual,
}

internal static class BinaryOperations
{
    public static bool IsComparison(this BinaryOperation operation) => operation >= BinaryOperation.Equal;

    public static float Apply(this BinaryOperation operation, float x, float y) => operation switch
    {
        BinaryOperation.Add => x + y,
        BinaryOperation.Subtract => x - y,
        BinaryOperation.Multiply => x * y,
        BinaryOperation.Divide => x / y,
        BinaryOperation.Maximum => MathF.Max(x, y),
        BinaryOperation.Minimum => MathF.Min(x, y),
        BinaryOperation.FloorDivide => MathF.Floor(x / y),
        BinaryOperation.FloorModulo => FloorModulo(x, y),
        _ => throw new InvalidOperationException($"{operation} is a comparison."),
    };

    /// <remarks>Generic over float and int tensors; the JIT compiles each as if written for it.</remarks>
    public static bool Compare<T>(this BinaryOperation operation, T x, T y)
        where T : struct, IComparisonOperators<T, T, bool> => operation switch
    {
        BinaryOperation.Equal => x == y,
        BinaryOperation.NotEqual => x != y,
        BinaryOperation.Greater => x > y,
        BinaryOperation.GreaterEqual => x >= y,
        BinaryOperation.Less => x < y,
        BinaryOperation.LessEqual => x <= y,
        _ => throw new InvalidOperationException($"{operation} is not a comparison."),
    };

    /// <summary>Integer arithmetic with TensorFlow's semantics (wrap-around, floor division and modulo); null for division by zero.</summary>
    public static int? Apply(this BinaryOperation operation, int x, int y) => operation switch
    {
        BinaryOperation.Add => unchecked(x + y),
        BinaryOperation.Subtract => unchecked(x - y),
        BinaryOperation.Multiply => unchecked(x * y),
        BinaryOperation.Maximum => Math.Max(x, y),
        BinaryOperation.Minimum => Math.Min(x, y),
        BinaryOperation.FloorDivide or BinaryOperation.Divide => y == 0 ? null : FloorDivide(x, y),
        BinaryOperation.FloorModulo => y == 0 ? null : x - (FloorDivide(x, y) * y),
        _ => throw new InvalidOperationException($"{operation} is a comparison."),
    };

    private static int FloorDivide(int x, int y)
    {
        var quotient = x / y;
        return (x % y != 0) && ((x < 0) != (y < 0)) ? quotient - 1 : quotient;
    }

    private static float FloorModulo(float x, float y)
    {
        var remainder = x % y;
        return remainder != 0 && (remainder < 0) != (y < 0) ? remainder + y : remainder;
    }
}
