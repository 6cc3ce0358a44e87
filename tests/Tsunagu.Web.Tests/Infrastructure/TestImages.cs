using System.IO.Compression;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>Real, decodable images made in code: a simple drawing of a room (wall, window, floor) as a PNG.</summary>
public static class TestImages
{
    /// <summary>A width×height RGB PNG: a pale wall with a blue window over a brown floor.</summary>
    public static byte[] RoomPng(int width = 320, int height = 240)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                (byte R, byte G, byte B) c =
                    y > height * 2 / 3 ? ((byte)150, (byte)105, (byte)60)
                    : x > width / 4 && x < width * 3 / 4 && y > height / 8 && y < height / 2 ? ((byte)120, (byte)180, (byte)230)
                    : ((byte)235, (byte)230, (byte)215);
                raw[row + 1 + x * 3] = c.R;
                raw[row + 2 + x * 3] = c.G;
                raw[row + 3 + x * 3] = c.B;
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteInt(header, 0, width);
        WriteInt(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        WriteInt(len, 0, data.Length);
        s.Write(len);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typeAndData);
        var crc = new byte[4];
        WriteInt(crc, 0, (int)Crc32(typeAndData));
        s.Write(crc);
    }

    private static void WriteInt(byte[] b, int at, int v)
    {
        b[at] = (byte)(v >> 24);
        b[at + 1] = (byte)(v >> 16);
        b[at + 2] = (byte)(v >> 8);
        b[at + 3] = (byte)v;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
