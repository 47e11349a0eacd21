using Glance.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Placement;

public sealed class SiloWorkloadOptionsValidatorTests
{
    private readonly SiloWorkloadOptionsValidator validator = new();

    [Fact]
    public void By_default_a_silo_does_every_workload_as_silos_did_before_workloads_existed()
    {
        var options = new SiloWorkloadOptions();

        validator.Validate(null, options).Succeeded.Should().BeTrue();
        options.Parsed().Should().Equal("analysis", "gallery");
    }

    [Theory]
    [InlineData("gallery", new[] { "gallery" })]
    [InlineData(" Analysis ", new[] { "analysis" })]
    [InlineData("GALLERY, analysis,gallery", new[] { "gallery", "analysis" })]
    public void A_list_of_known_workloads_is_accepted_in_any_case_spacing_or_repetition(string setting, string[] expected)
    {
        var options = new SiloWorkloadOptions { Workloads = setting };

        validator.Validate(null, options).Succeeded.Should().BeTrue();
        options.Parsed().Should().Equal(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    public void An_empty_list_is_refused_naming_the_key_and_the_workloads(string setting)
    {
        var result = validator.Validate(null, new SiloWorkloadOptions { Workloads = setting });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Silo:Workloads").And.Contain("analysis, gallery");
    }

    [Fact]
    public void An_unknown_workload_is_refused_by_name()
    {
        var result = validator.Validate(null, new SiloWorkloadOptions { Workloads = "analysis,training,Ingest" });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Silo:Workloads").And.Contain("'training'").And.Contain("'ingest'").And.NotContain("'analysis'");
    }

    [Fact]
    public void The_environment_variable_Silo__Workloads_binds_the_option()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Silo:Workloads"] = "gallery" }).Build();

        var options = configuration.GetSection(SiloWorkloadOptions.SectionName).Get<SiloWorkloadOptions>()!;

        options.Parsed().Should().Equal("gallery");
    }

    [Fact]
    public async Task The_silo_role_checks_the_setting_with_the_validator()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Silo:Workloads"] = "training" });
        builder.AddSiloRole();
        await using var app = builder.Build();

        var read = () => app.Services.GetRequiredService<IOptions<SiloWorkloadOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*Silo:Workloads*'training'*");
    }
}
