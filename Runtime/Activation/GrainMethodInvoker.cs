using System.Linq.Expressions;
using System.Reflection;

namespace Glance.Runtime.Activation;

/// <summary>
/// Turns a call on a grain interface method into a queued turn, once per method: argument binding is compiled to a
/// delegate so that a call costs no reflection.
/// </summary>
internal abstract class GrainMethodInvoker
{
    public abstract object Invoke(GrainRuntime runtime, GrainProxy proxy, object?[] arguments);

    public static GrainMethodInvoker Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        var (shape, resultType) = returnType switch
        {
            _ when returnType == typeof(Task) => (ReturnShape.Task, typeof(object)),
            _ when returnType == typeof(ValueTask) => (ReturnShape.ValueTask, typeof(object)),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (ReturnShape.TaskOfResult, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (ReturnShape.ValueTaskOfResult, returnType.GetGenericArguments()[0]),
            _ => throw new NotSupportedException(
                $"Grain method {method.DeclaringType?.Name}.{method.Name} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>."),
        };
        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} has a ref or out parameter.");
        }

        var invokerType = typeof(GrainMethodInvoker<>).MakeGenericType(resultType);
        return (GrainMethodInvoker)Activator.CreateInstance(invokerType, method, shape)!;
    }
}

internal enum ReturnShape
{
    Task,
    TaskOfResult,
    ValueTask,
    ValueTaskOfResult,
}

internal sealed class GrainMethodInvoker<TResult> : GrainMethodInvoker
{
    private readonly Func<object, object?[], ValueTask<TResult>> body;
    private readonly ReturnShape shape;
    private readonly bool alwaysInterleave;

    public GrainMethodInvoker(MethodInfo method, ReturnShape shape)
    {
        this.shape = shape;
        Description = $"{method.DeclaringType?.Name}.{method.Name}";
        alwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        var parameters = method.GetParameters();
        var tokenIndex = Array.FindIndex(parameters, p => p.ParameterType == typeof(CancellationToken));
        CancellationTokenIndex = tokenIndex >= 0 ? tokenIndex : null;

        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType)));
        var adapter = typeof(GrainMethodInvoker<TResult>).GetMethod("From" + shape, BindingFlags.NonPublic | BindingFlags.Static)!;
        body = Expression.Lambda<Func<object, object?[], ValueTask<TResult>>>(Expression.Call(adapter, call), grain, arguments).Compile();
    }

    public string Description { get; }

    public int? CancellationTokenIndex { get; }

    /// <summary>Runs the method on the grain instance (inside a turn).</summary>
    public ValueTask<TResult> Invoke(Grain grain, object?[] arguments) => body(grain, arguments);

    public override object Invoke(GrainRuntime runtime, GrainProxy proxy, object?[] arguments)
    {
        Task<TResult> task;
        if (alwaysInterleave && runtime.TryGetActiveInstance(proxy.Id, out var instance))
        {
            task = InvokeInterleaved(instance, arguments);
        }
        else
        {
            var call = new GrainCall<TResult>(this, arguments, System.Diagnostics.Stopwatch.GetTimestamp());
            runtime.Dispatch(proxy.Id, proxy.GrainClass, call);
            task = call.Task;
        }

        return shape switch
        {
            ReturnShape.Task or ReturnShape.TaskOfResult => task,
            ReturnShape.ValueTask => new ValueTask(task),
            _ => new ValueTask<TResult>(task),
        };
    }

    private Task<TResult> InvokeInterleaved(Grain instance, object?[] arguments)
    {
        try
        {
            var pending = body(instance, arguments);
            return pending.IsCompletedSuccessfully ? Task.FromResult(pending.Result) : pending.AsTask();
        }
        catch (Exception e)
        {
            return Task.FromException<TResult>(e);
        }
    }

    // The adapters below are found by name ("From" + the ReturnShape member name) when the call delegate is compiled.
    private static ValueTask<TResult> FromTask(Task pending) => pending.IsCompletedSuccessfully ? default : AwaitAsync(pending);

    private static ValueTask<TResult> FromTaskOfResult(Task<TResult> pending) => new(pending);

    private static ValueTask<TResult> FromValueTask(ValueTask pending) => pending.IsCompletedSuccessfully ? default : AwaitAsync(pending.AsTask());

    private static ValueTask<TResult> FromValueTaskOfResult(ValueTask<TResult> pending) => pending;

    private static async ValueTask<TResult> AwaitAsync(Task pending)
    {
        await pending.ConfigureAwait(false);
        return default!;
    }
}
