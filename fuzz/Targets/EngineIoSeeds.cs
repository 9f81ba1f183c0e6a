using System.Text;

namespace SocketIo.Fuzz.Targets;

/// <summary>Engine.IO test vectors (from tests/Protocol.Tests/EngineIO) used as seed corpora.</summary>
internal static class EngineIoSeeds
{
    public static IEnumerable<byte[]> Packets()
    {
        string[] text =
        [
            "0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}",
            "1", "2", "2probe", "3", "3probe", "4", "4hello", "42[\"chat\",\"hi\"]", "4héllo 😀 \u2028\u2029", "5", "6",
            "bAQIDBA==", "b", "b/w==", "b++8=", "bAQID", "7", "a", "", "bAQIDBA=", "b4AQIDBA==", "bAQ-_A==",
        ];
        foreach (var s in text)
        {
            yield return Encoding.UTF8.GetBytes(s);
        }

        yield return [0xFF, (byte)'4'];
        yield return [(byte)'4', (byte)'a', 0xC3, (byte)'b', 0xE2, 0x82];
        yield return [1, 2, 3, 4];
    }

    public static IEnumerable<byte[]> Payloads()
    {
        string[] text =
        [
            "4hello\u001e2\u001ebAQIDBA==", "1", "6\u001e1", "42[\"chat\",\"hi\"]\u001e42[\"chat\",\"ho\"]", "b\u001eb",
            "4\u001e4\u001e4", "4é😀\u2028\u001e4\u2029", "\u001e", "4hello\u001e", "\u001e4hello", "4a\u001e\u001e4b",
            "4a\u001e7", "4hello\u001e2\u001ebAQIDBA=", "bAQIDBA==\u001ebAQ", "6:4hello", "",
        ];
        foreach (var s in text)
        {
            yield return Encoding.UTF8.GetBytes(s);
        }

        yield return [(byte)'4', (byte)'o', (byte)'k', 0x1E, (byte)'4', (byte)'x', 0xC3, 0x1E, (byte)'b', 0xFF];
    }
}
