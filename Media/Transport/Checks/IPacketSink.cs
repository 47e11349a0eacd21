namespace Glance.Media.Transport.Checks;

/// <summary>Receives each 188-byte packet the sync check lets through; a struct sink keeps the call direct.</summary>
internal interface IPacketSink
{
    void OnPacket(ReadOnlySpan<byte> packet);
}
