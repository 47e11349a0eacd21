namespace Glance.Api.Live;

public static class LiveFeedSetup
{
    public static WebApplicationBuilder AddLiveFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveFeedOptions>().Bind(builder.Configuration.GetSection(LiveFeedOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LiveFeedOptions>, LiveFeedOptionsValidator>();
        builder.Services.AddSingleton<LiveFeedSlots>();
        builder.Services.AddSingleton<LiveFeed>();
        return builder;
    }
}
