using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.TalentBank;

/// <summary>
/// A few fictional lecturers and advisers in each demo city's talent bank (人材バンク), over the subjects cities keep
/// one for: 防災, 手話, パソコン, NPO会計, 子育て. Published and marked as demo; a city that has any entry is left alone.
/// </summary>
public class DemoTalent(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 40;
    public string Description => "Demo talent bank entries";

    private sealed record Demo(TalentKind Kind, string Name, string Subjects, int[] Fields, string Profile, string Fee, int? FeeYen, bool CityWide, bool Online, string Times, bool FirstDistrictOnly = false);

    private static readonly Demo[] Entries =
    [
        new(TalentKind.Instructor, "防災士 さくら（デモ）", "家庭でできる防災、避難所運営ゲーム（HUG）、災害時の要配慮者の支援", [8, 9],
            "防災士として、自治会や学校で10年ほど防災の講座を続けています。参加者が手を動かすワークショップが得意です。\n\nこれはデモ用の架空の登録です。",
            "1回5,000円（交通費込み）", 5000, true, false, "土日の午前・午後"),
        new(TalentKind.Instructor, "手話サークル ひだまり（デモ）", "はじめての手話、あいさつと自己紹介の手話、聞こえない人との接し方", [1, 10],
            "ろう者と聴者がいっしょに活動する手話サークルです。ろう者の講師と一緒に伺います。\n\nこれはデモ用の架空の登録です。",
            "無料（材料費のみ実費）", 0, false, false, "平日の夜、土曜日の午後", FirstDistrictOnly: true),
        new(TalentKind.Instructor, "パソコンサポーター 山田（デモ）", "スマートフォンの使い方、パソコンで作るチラシ、オンライン会議のはじめ方", [14, 19],
            "元システムエンジニアです。高齢の方にもわかるよう、ゆっくり説明します。\n\nこれはデモ用の架空の登録です。",
            "1回3,000円", 3000, true, true, "平日の午後"),
        new(TalentKind.Adviser, "NPO会計アドバイザー 木村（デモ）", "NPO法人の会計、活動計算書の作り方、任意団体の帳簿のつけ方、助成金の報告", [19],
            "税理士事務所で20年、NPOや任意団体の会計を手伝ってきました。決算の前の相談が多いです。\n\nこれはデモ用の架空の登録です。",
            "初回の相談は無料、2回目から1時間2,000円", null, true, true, "平日の昼間（要相談）"),
        new(TalentKind.Adviser, "子育てひろば相談員 はるか（デモ）", "子育てサークルの立ち上げ、親子の居場所づくり、子ども食堂の運営", [13, 1],
            "子育てひろばで相談員をしています。子育て中の親が集まる場をつくりたい方の相談にのります。\n\nこれはデモ用の架空の登録です。",
            "無料", 0, true, false, "平日の午前"),
    ];

    /// <summary>Adds the demo entries to every city that has none; returns how many were added.</summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            // Any entry, real or demo, means the city keeps its own bank: demo entries are never mixed in.
            if (await db.Set<TalentEntry>().IgnoreQueryFilters().AnyAsync(e => e.CityId == city.Id, ct)) continue;
            var firstDistrict = await db.Districts.IgnoreQueryFilters().Where(d => d.CityId == city.Id).OrderBy(d => d.SortOrder).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
            foreach (var (d, i) in Entries.Select((d, i) => (d, i)))
            {
                var entry = new TalentEntry
                {
                    CityId = city.Id,
                    Kind = d.Kind,
                    DisplayName = d.Name,
                    Subjects = d.Subjects,
                    Profile = d.Profile,
                    FeeText = d.Fee,
                    FeeYen = d.FeeYen,
                    // Without districts, an entry for one district goes city-wide so that it can still be found.
                    CityWide = d.CityWide || firstDistrict is null,
                    Online = d.Online,
                    Times = d.Times,
                    Status = TalentStatus.Published,
                    IsDemo = true,
                    CreatedAt = now.AddDays(-30 - i),
                    UpdatedAt = now.AddDays(-30 - i),
                    PublishedAt = now.AddDays(-29 - i),
                    Fields = d.Fields.Select(f => new TalentEntryField { Field = f }).ToList(),
                    Districts = d.FirstDistrictOnly && firstDistrict is { } district ? [new TalentEntryDistrict { DistrictId = district }] : [],
                };
                entry.SearchText = TalentBankService.SearchTextOf(entry);
                db.Add(entry);
                added++;
            }
            await db.SaveChangesAsync(ct);
        }
        return added;
    }
}
