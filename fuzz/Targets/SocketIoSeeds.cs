using System.Text;

namespace SocketIo.Fuzz.Targets;

/// <summary>Socket.IO test vectors (PROTOCOL.md 2.2 examples and the malformed table) used as fuzz seeds.</summary>
internal static class SocketIoSeeds
{
    internal static readonly string[] Packets =
    [
        "0", "0/admin,{\"token\":\"123\"}", "0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", "0/custom", "1", "1/admin,",
        "2[\"chat\",\"hi\"]", "2/admin,[\"chat\",\"hi\"]", "212[\"chat\"]", "2/admin,12[\"chat\"]", "312[\"ok\"]", "3/admin,13[]",
        "4{\"message\":\"Not authorized\"}", "4/random,{\"message\":\"Invalid namespace\"}",
        "51-[\"up\",{\"_placeholder\":true,\"num\":0}]", "61-/admin,15[{\"_placeholder\":true,\"num\":0}]",
        "52-789[\"m\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
        "2456[\"message-with-ack\",1,\"2\"]", "29007199254740991[\"max\"]", "29007199254740992[\"a\"]", "2[12,\"x\"]",
        "2[\"c\\u0068at\\n\\ud83d\\ude00\\\"\"]", "2/é,[\"ü\u2028\",\"😀\",{\"a\":[1,2.5e-7,null,true]}]",
        "2[\"a\",1E+21,-0,0.1]", "abc", "2{}", "2[]", "2abc[\"x\"]", "2[\"disconnect\"]", "0[]", "1{}", "5-[\"a\"]", "5a-[]",
        "511-[\"a\"]", "0,", "0admin,", "0/custom{\"a\":1,\"b\":2}", "51-[\"up\",{\"_placeholder\":true,\"num\":1}]",
        "51-[\"a\",{\"x\":{\"_placeholder\":true,\"num\":0.0}}]",
    ];

    internal static IEnumerable<byte[]> PacketBytes => Packets.Select(Encoding.UTF8.GetBytes);
}
