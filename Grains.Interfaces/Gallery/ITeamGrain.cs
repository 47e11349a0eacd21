namespace Glance.Grains.Interfaces.Gallery;

/// <summary>A team of a tenant (key: "tenant/team"): the names it goes by on screen and, optionally, its logo.</summary>
public interface ITeamGrain : IGalleryItemGrain<TeamDefinition, TeamView, GalleryTeam>;
