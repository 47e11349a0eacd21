using Glance.Api.Dashboard;
using Glance.Api.Endpoints;
using Glance.Api.Http;
using Glance.Api.Live;
using Glance.Api.Security;
using Glance.Demo;
using Glance.Hosting;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// The embedded default: this one process is also the silo (grains, state store, streams). It listens on loopback
// unless told otherwise (--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS).
builder.AddSiloRole(new Dictionary<string, string?> { ["Urls"] = PublicApi.DefaultUrls });
builder.AddPublicApi();
builder.AddAccess();
builder.AddDemo(services => services.GetRequiredService<IOptions<AccessOptions>>().Value.AdminKey);
builder.AddLiveFeed();
builder.AddMonitoringDashboard();

var app = builder.Build();
app.UsePublicApi();
app.UseMonitoringDashboard();
app.UseAccess();
app.MapOperationalEndpoints();
app.MapOperationsEndpoints();
app.MapAccessEndpoints();
app.MapEventEndpoints();
app.MapTimelineEndpoints();
app.MapScheduleEndpoints();
app.MapWebhookEndpoints();
app.MapLiveEndpoints();
app.MapGalleryEndpoints();
app.MapViewerEndpoints();
app.MapInstrumentEndpoints();
app.MapEngagementEndpoints();
app.MapDemo();
app.Run();

/// <summary>Entry point; public so that in-process API tests (WebApplicationFactory) can host it.</summary>
public partial class Program;
