namespace Glance.Detection.Local.Logos;

/// <summary>An uploaded logo cannot serve as a template: too small, too large, flat, or nearly all background.</summary>
public sealed class LogoTemplateException(string message, Exception? inner = null) : Exception(message, inner);
