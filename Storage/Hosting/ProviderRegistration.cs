using Orleans.Configuration;
namespace Glance.Storage.Hosting;

/// <summary>
/// Registers the single implementation of an Orleans contract with its options, their log formatter and their
/// validator, as Orleans' provider packages register membership and reminder tables.
/// </summary>
internal static class ProviderRegistration
{
    public static IServiceCollection AddProvider<TContract, TImplementation, TOptions>(
        IServiceCollection services, Action<TOptions> configure, Func<TOptions, IConfigurationValidator> validator)
        where TContract : class
        where TImplementation : class, TContract
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        services.ConfigureFormatter<TOptions>();
        services.AddTransient(sp => validator(sp.GetRequiredService<IOptions<TOptions>>().Value));
        services.AddSingleton<TContract, TImplementation>();
        return services;
    }
}
