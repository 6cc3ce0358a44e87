using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Consultations;

/// <summary>
/// A year of fictional consultations at each demo city's desk, over every topic and channel, so the desk, its counts
/// and its CSV have something to show. Every case is marked as demo data; a city that has any is left alone.
/// </summary>
public class DemoConsultations(TsunaguDb db, TimeProvider clock) : IDemoDataSet
{
    public int Order => 50;
    public string Description => "Demo consultations";

    private sealed record Case(ConsultationTopic Topic, ConsultationChannel Channel, PreferredContact Preferred, string Question, string Group, int DaysAgo, ConsultationStatus Status, string? FollowUp);

    private static readonly Case[] Cases =
    [
        new(ConsultationTopic.Founding, ConsultationChannel.Counter, PreferredContact.Counter, "子育て中の親が集まれる場をつくりたい。団体を立ち上げるには何から始めればよいか。", "", 8, ConsultationStatus.Received, "設立の手引きを渡し、2週間後に会則の案を一緒に見る"),
        new(ConsultationTopic.Incorporation, ConsultationChannel.Online, PreferredContact.Online, "任意団体として10年活動してきた。NPO法人になるための手続きと、法人化の良い点・大変な点を知りたい。", "見守り", 20, ConsultationStatus.InProgress, "県のNPO担当窓口の説明会の日程を知らせる"),
        new(ConsultationTopic.Management, ConsultationChannel.Phone, PreferredContact.Phone, "会員が高齢になり、役員のなり手がいない。世代交代をどう進めればよいか。", "清掃", 35, ConsultationStatus.Done, null),
        new(ConsultationTopic.Funding, ConsultationChannel.Online, PreferredContact.Email, "活動資金が足りない。市の補助金のほかに、民間の助成金で使えるものはあるか。", "食堂", 48, ConsultationStatus.Done, null),
        new(ConsultationTopic.Accounting, ConsultationChannel.Counter, PreferredContact.Counter, "会計担当が替わる。会計帳簿のつけ方と、年度末の決算報告の作り方を教えてほしい。", "読み聞かせ", 70, ConsultationStatus.Done, null),
        new(ConsultationTopic.PublicRelations, ConsultationChannel.Online, PreferredContact.Online, "イベントの参加者が毎年同じ顔ぶれ。若い人に届くSNSの使い方を相談したい。", "防災", 95, ConsultationStatus.Done, null),
        new(ConsultationTopic.Volunteers, ConsultationChannel.Phone, PreferredContact.Phone, "夏祭りの運営ボランティアを10人ほど募集したい。どこで呼びかければよいか。", "", 120, ConsultationStatus.Done, null),
        new(ConsultationTopic.Collaboration, ConsultationChannel.Counter, PreferredContact.Counter, "市の担当課と一緒に空き家の活用に取り組みたい。協働事業の提案はどこに出せばよいか。", "まちづくり", 150, ConsultationStatus.Done, null),
        new(ConsultationTopic.Funding, ConsultationChannel.Counter, PreferredContact.Counter, "補助金の申請書の書き方（事業計画と予算書）を見てほしい。", "食堂", 190, ConsultationStatus.Done, null),
        new(ConsultationTopic.Other, ConsultationChannel.Phone, PreferredContact.Phone, "センターの会議室を毎月使いたい。予約の方法と利用できる時間を知りたい。", "", 230, ConsultationStatus.Done, null),
        new(ConsultationTopic.Volunteers, ConsultationChannel.Online, PreferredContact.Email, "大学のサークルで地域のボランティアをしたい。受け入れてくれる団体を紹介してほしい。", "", 280, ConsultationStatus.Done, null),
        new(ConsultationTopic.Management, ConsultationChannel.Online, PreferredContact.Online, "総会の進め方と、議事録の残し方について助言がほしい。", "見守り", 330, ConsultationStatus.Done, null),
    ];

    private static readonly string[] Names = ["山本 和子", "田中 健一", "中村 美穂", "小林 博", "加藤 さゆり", "吉田 誠", "佐々木 由美", "山口 翔太", "松本 直美", "井上 隆", "木村 恵", "林 大輔"];

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var city in await db.Cities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            // A city with any consultation (real or demo) is left alone: demo cases never mix into a real desk's counts.
            if (await db.Consultations.IgnoreQueryFilters().AnyAsync(c => c.CityId == city.Id, ct)) continue;
            var groups = await db.Groups.IgnoreQueryFilters().AsNoTracking()
                .Where(g => g.CityId == city.Id && g.IsDemo && g.Status == GroupStatus.Approved)
                .Select(g => new { g.Id, g.Name }).ToListAsync(ct);
            for (var i = 0; i < Cases.Length; i++)
            {
                var c = Cases[i];
                var receivedAt = now.AddDays(-c.DaysAgo).AddHours(-(i % 5));
                var consultation = new Consultation
                {
                    CityId = city.Id,
                    Topic = c.Topic,
                    Channel = c.Channel,
                    PreferredContact = c.Preferred,
                    Status = c.Status,
                    IsDemo = true,
                    Question = c.Question,
                    RequesterName = $"{Names[i]}（デモ）",
                    RequesterEmail = $"demo-soudan{i + 1}@example.jp",
                    RequesterPhone = c.Channel == ConsultationChannel.Phone ? $"0120-000-{100 + i:000}" : null,
                    GroupId = c.Group == "" ? null : groups.FirstOrDefault(g => g.Name.Contains(c.Group, StringComparison.Ordinal))?.Id,
                    ReceivedAt = receivedAt,
                    ClosedAt = c.Status == ConsultationStatus.Done ? receivedAt.AddDays(7) : null,
                };
                if (c.FollowUp is not null)
                    consultation.FollowUps.Add(new ConsultationFollowUp { DueOn = DateOnly.FromDateTime(now.AddDays(14 - i)), Text = c.FollowUp });
                db.Consultations.Add(consultation);
                added++;
            }
            await db.SaveChangesAsync(ct);
        }
        return added;
    }
}
