using Glance.Media.Fetching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Glance.Media.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IWebhookSender"/> (one pooled, SSRF-guarded client) with <see cref="WebhookOptions"/> from "Webhooks", validated at start.</summary>
    public static IServiceCollection AddWebhookSending(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSourceFetching(configuration);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWebhookSender, WebhookSender>();
        return services;
    }
}
