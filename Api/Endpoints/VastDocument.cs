using System.Xml.Linq;
using Glance.Grains.Interfaces.Engagement;

namespace Glance.Api.Endpoints;

/// <summary>
/// An ad decision as a VAST 4.1 response for ad players: one InLine linear ad with its media file, click-through, and
/// the impression and click tracking URLs that record the viewer's engagement. No ad is an empty VAST element, which
/// players read as "no fill".
/// </summary>
public static class VastDocument
{
    public const string Namespace = "http://www.iab.com/VAST";

    public const string Version = "4.1";

    public const string MediaType = "application/xml";

    private static readonly XNamespace Vast = Namespace;

    public static XDocument Empty() => new(new XDeclaration("1.0", "utf-8", null), new XElement(Vast + "VAST", new XAttribute("version", Version)));

    public static XDocument Ad(InstrumentDecision decision, Uri impression, Uri clickTracking)
    {
        var ad = decision.Instrument.Ad ?? throw new ArgumentException("Only ads have a VAST form.", nameof(decision));
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Vast + "VAST",
                new XAttribute("version", Version),
                new XElement(
                    Vast + "Ad",
                    new XAttribute("id", decision.Instrument.Id),
                    new XElement(
                        Vast + "InLine",
                        new XElement(Vast + "AdSystem", new XAttribute("version", "1"), "Glance"),
                        new XElement(Vast + "Impression", new XAttribute("id", "glance"), new XCData(impression.AbsoluteUri)),
                        new XElement(Vast + "AdServingId", decision.DecisionId),
                        new XElement(Vast + "AdTitle", decision.Instrument.Name),
                        new XElement(Vast + "Advertiser", ad.Advertiser),
                        new XElement(
                            Vast + "Creatives",
                            new XElement(
                                Vast + "Creative",
                                new XAttribute("id", decision.Instrument.Id),
                                new XAttribute("sequence", 1),
                                new XElement(Vast + "UniversalAdId", new XAttribute("idRegistry", "glance"), decision.Instrument.Id),
                                new XElement(
                                    Vast + "Linear",
                                    new XElement(Vast + "Duration", Duration(ad.DurationSeconds)),
                                    new XElement(
                                        Vast + "MediaFiles",
                                        new XElement(
                                            Vast + "MediaFile",
                                            new XAttribute("delivery", "progressive"),
                                            new XAttribute("type", ad.MimeType ?? "video/mp4"),
                                            new XAttribute("width", ad.Width ?? 1280),
                                            new XAttribute("height", ad.Height ?? 720),
                                            new XCData(ad.CreativeUrl))),
                                    new XElement(
                                        Vast + "VideoClicks",
                                        new XElement(Vast + "ClickThrough", new XAttribute("id", "glance"), new XCData(ad.ClickThroughUrl)),
                                        new XElement(Vast + "ClickTracking", new XAttribute("id", "glance"), new XCData(clickTracking.AbsoluteUri))))))))));
    }

    /// <summary>HH:MM:SS.mmm, as VAST writes durations.</summary>
    public static string Duration(double seconds) =>
        TimeSpan.FromMilliseconds(Math.Round(seconds * 1000)).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
