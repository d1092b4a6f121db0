<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Log activity</source>
        <translation>记录跟进</translation>
    </message>
    <message>
        <source>Edit activity</source>
        <translation>编辑活动记录</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What was it about?</source>
        <translation>本次跟进的主题</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Outcome, next steps …</source>
        <translation>跟进结果、下一步计划…</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves.</source>
        <translation>按 Ctrl+Enter 保存。</translation>
    </message>
</context>
<context>
    <name>ActivityKinds</name>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ArticleDialog</name>
    <message>
        <source>Edit article</source>
        <translation>编辑文章</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>新建文章</translation>
    </message>
    <message>
        <source>Separated by commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>An article needs a title.</source>
        <translation>文章需要标题。</translation>
    </message>
</context>
<context>
    <name>ArticleList</name>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Search articles…</source>
        <translation>搜索文章…</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>ArticlePicker</name>
    <message>
        <source>Insert an article</source>
        <translation>插入知识库文章</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>移到</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Match the columns</source>
        <translation>设置列对应关系</translation>
    </message>
    <message>
        <source>Choose the field each column goes into. Columns set to skip are not imported.</source>
        <translation>为每一列选择要导入的字段。设为“跳过此列”的列不会导入。</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Preview: the first rows as they will be imported</source>
        <translation>预览：前几行导入后的效果</translation>
    </message>
    <message>
        <source>As you matched these columns last time</source>
        <translation>沿用上次的列对应关系</translation>
    </message>
    <message>
        <source>Suggested from the headers and values</source>
        <translation>根据表头和数据自动推荐</translation>
    </message>
    <message>
        <source>Headers found in row {row}</source>
        <translation>表头位于第 {row} 行</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <source>{field} comes from one column only: {columns} is now skipped.</source>
        <translation>“{field}”只能对应一列，以下列已改为跳过：{columns}。</translation>
    </message>
    <message>
        <source>column {letter}</source>
        <translation>{letter} 列</translation>
    </message>
    <message>
        <source>Match a column to Name, First name, Last name or Company: without one, no row can be imported.</source>
        <translation>请至少将一列对应到“姓名”“名字”“姓氏”或“公司”，否则任何行都无法导入。</translation>
    </message>
    <message>
        <source>From column {letter}: {header}</source>
        <translation>来自 {letter} 列：{header}</translation>
    </message>
</context>
<context>
    <name>CompanyDeals</name>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>New deal for this customer</source>
        <translation>为该客户新建商机</translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>A company needs a name.</source>
        <translation>请填写公司名称。</translation>
    </message>
</context>
<context>
    <name>CompanyPicker</name>
    <message>
        <source>Type to search companies; leave empty for none</source>
        <translation>输入关键字搜索公司；不关联公司请留空</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>A contact needs a name.</source>
        <translation>请填写联系人姓名。</translation>
    </message>
    <message>
        <source>This is not a valid e-mail address.</source>
        <translation>邮箱地址格式不正确。</translation>
    </message>
    <message>
        <source>Pick a company from the list, or leave it empty.</source>
        <translation>请从列表中选择公司，或留空。</translation>
    </message>
    <message>
        <source>Write the date as YYYY-MM-DD, e.g. 1985-04-23.</source>
        <translation>请按 YYYY-MM-DD 格式填写日期，例如 1985-04-23。</translation>
    </message>
    <message>
        <source>This date is not a plausible birthday.</source>
        <translation>该日期不在合理的生日范围内。</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>My tasks</source>
        <translation>我的待办</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Show deleted records, to restore them</source>
        <translation>显示已删除的记录，以便恢复</translation>
    </message>
    <message>
        <source>Search name, pinyin, phone, e-mail, city, notes … (Ctrl+F)</source>
        <translation>搜索姓名、拼音、电话、邮箱、城市、备注…（Ctrl+F）</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>Grade %s</source>
        <translation>%s 级</translation>
    </message>
    <message>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln 个联系人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln company(s)</source>
        <translation>
            <numerusform>%Ln 家公司</numerusform>
        </translation>
    </message>
    <message>
        <source>%s in the Trash</source>
        <translation>回收站中：%s</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Save your changes to this record first?</source>
        <translation>是否先保存对此记录的修改？</translation>
    </message>
</context>
<context>
    <name>ConvertLeadDialog</name>
    <message>
        <source>Convert lead: %1</source>
        <translation>转化线索：%1</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Use the existing company %1</source>
        <translation>使用已有公司 %1</translation>
    </message>
    <message>
        <source>Create the company %1</source>
        <translation>新建公司 %1</translation>
    </message>
    <message>
        <source>No company</source>
        <translation>不关联公司</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Use the existing contact %1</source>
        <translation>使用已有联系人 %1</translation>
    </message>
    <message>
        <source>Create the contact %1</source>
        <translation>新建联系人 %1</translation>
    </message>
    <message>
        <source>Open a deal</source>
        <translation>同时创建商机</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>转化</translation>
    </message>
    <message>
        <source>The amount is not a number.</source>
        <translation>金额不是有效数字。</translation>
    </message>
    <message>
        <source>A deal needs a title.</source>
        <translation>商机需要填写名称。</translation>
    </message>
</context>
<context>
    <name>DealDialog</name>
    <message>
        <source>Deal lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <source>Why was “%1” lost?</source>
        <translation>“%1” 为什么输单？</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>进入时间</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Log activity…</source>
        <translation>记录跟进…</translation>
    </message>
    <message>
        <source>Add follow-up…</source>
        <translation>添加待办…</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>未完成的待办</translation>
    </message>
    <message>
        <source>Stage history</source>
        <translation>阶段历史</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>Make the order…</source>
        <translation>生成订单…</translation>
    </message>
    <message>
        <source>An order to this customer for the won deal</source>
        <translation>为这个赢单商机给客户生成订单</translation>
    </message>
    <message>
        <source>Delete deal</source>
        <translation>删除商机</translation>
    </message>
    <message>
        <source>New deal</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Deal: %1</source>
        <translation>商机：%1</translation>
    </message>
    <message>
        <source>Created %1 · in this stage since %2</source>
        <translation>创建于 %1 · 自 %2 起处于当前阶段</translation>
    </message>
    <message>
        <source>Open its order…</source>
        <translation>打开对应订单…</translation>
    </message>
    <message>
        <source>Delete the deal “%1”? It leaves the board, the lists and the forecast.</source>
        <translation>删除商机“%1”？它将从看板、列表和销售预测中移除。</translation>
    </message>
</context>
<context>
    <name>DealForm</name>
    <message>
        <source>Title</source>
        <translation>商机名称</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>赢单概率</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>输单原因</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A deal needs a title.</source>
        <translation>商机需要填写名称。</translation>
    </message>
    <message>
        <source>The amount is not a number.</source>
        <translation>金额不是有效数字。</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <source>Pick a company from the list, or leave it empty.</source>
        <translation>请从列表中选择公司，或留空。</translation>
    </message>
</context>
<context>
    <name>DealTableModel</name>
    <message>
        <source>Title</source>
        <translation>商机名称</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>赢单概率</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>加权金额</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>DealsView</name>
    <message>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>Next 90 days</source>
        <translation>未来 90 天</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Close date passed</source>
        <translation>已过预计成交日</translation>
    </message>
    <message>
        <source>Search deals, companies, next steps…</source>
        <translation>搜索商机、公司、下一步…</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>进行中的商机</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>New deal</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Stages…</source>
        <translation>阶段设置…</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message numerus="yes">
        <source>%n open deal(s)</source>
        <translation>
            <numerusform>%n 个进行中的商机</numerusform>
        </translation>
    </message>
    <message>
        <source>pipeline %1 · weighted %2</source>
        <translation>商机总额 %1 · 加权 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n deal(s)</source>
        <translation>
            <numerusform>%n 个商机</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>The board now shows the deal as it is.</source>
        <translation>看板已显示该商机的最新状态。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>another user</source>
        <translation>其他用户</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>This {kind} was deleted by {who} ({when}) after you opened it.</source>
        <translation>此{kind}在您打开后已被{who}删除（{when}）。</translation>
    </message>
    <message>
        <source>This {kind} was changed by {who} ({when}) after you opened it.</source>
        <translation>此{kind}在您打开后已被{who}修改（{when}）。</translation>
    </message>
    <message>
        <source>Please correct:</source>
        <translation>请更正以下问题：</translation>
    </message>
    <message>
        <source>This {kind} no longer exists; someone may have deleted it.</source>
        <translation>此{kind}已不存在，可能已被他人删除。</translation>
    </message>
    <message>
        <source>The database is busy: a colleague or another program is saving to it. Nothing was lost; try again in a moment.</source>
        <translation>数据库正忙：同事或其他程序正在写入数据。没有任何数据丢失，请稍后重试。</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>已取消，未做任何更改。</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of CRM Desktop. Please update CRM Desktop; the file was not changed.</source>
        <translation>{path} 由更高版本的 CRM Desktop 创建。请升级 CRM Desktop；该文件未被改动。</translation>
    </message>
    <message>
        <source>{path} is read-only: nothing was changed. To edit, open a copy you may write, or ask for write access.</source>
        <translation>{path} 是只读的：未做任何改动。如需编辑，请打开一份您可写入的副本，或申请写入权限。</translation>
    </message>
    <message>
        <source>{path} is not a CRM Desktop database.</source>
        <translation>{path} 不是 CRM Desktop 数据库。</translation>
    </message>
    <message>
        <source>Something went wrong: {error}

Details are in the log file.</source>
        <translation>出错了：{error}

详细信息已记录在日志文件中。</translation>
    </message>
    <message>
        <source>CRM Desktop</source>
        <translation>CRM Desktop</translation>
    </message>
</context>
<context>
    <name>ExtraValuesLabel</name>
    <message>
        <source>Other phone</source>
        <translation>其他电话</translation>
    </message>
    <message>
        <source>Other e-mail</source>
        <translation>其他邮箱</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>An Excel, LibreOffice or CSV file with one contact or company per row. Title rows above the column headers are fine.</source>
        <translation>Excel、LibreOffice 或 CSV 文件，每行一个联系人或公司。表头上方可以有标题行。</translation>
    </message>
    <message>
        <source>Path of the file to import</source>
        <translation>要导入的文件路径</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>The sheet “{sheet}” is empty. Choose another sheet or file.</source>
        <translation>工作表“{sheet}”为空。请选择其他工作表或文件。</translation>
    </message>
    <message>
        <source>The sheet “{sheet}” has headers but no rows below them.</source>
        <translation>工作表“{sheet}”只有表头，下方没有数据行。</translation>
    </message>
    <message>
        <source>Sheet “{sheet}”: {rows} rows below the headers in row {row}.</source>
        <translation>工作表“{sheet}”：表头位于第 {row} 行，其下共有 {rows} 行数据。</translation>
    </message>
</context>
<context>
    <name>ForecastView</name>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>By owner</source>
        <translation>按负责人</translation>
    </message>
    <message>
        <source>By month and owner</source>
        <translation>按月和负责人</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>加权金额</translation>
    </message>
    <message>
        <source>Expected revenue of open deals (amount × probability)</source>
        <translation>进行中商机的预期收入（金额 × 概率）</translation>
    </message>
    <message>
        <source>Pipeline by stage</source>
        <translation>各阶段商机</translation>
    </message>
    <message>
        <source>Close month</source>
        <translation>预计成交月份</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>No close date</source>
        <translation>未定成交日期</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>无负责人</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Your edits are kept; Save replaces their change.</source>
        <translation>您的修改已保留；保存将覆盖对方的修改。</translation>
    </message>
    <message>
        <source>It is shown as it is now; your edits were not saved.</source>
        <translation>现已显示最新内容；您的修改未保存。</translation>
    </message>
    <message>
        <source>Reload shows it as it is now; Keep editing keeps your edits for Save.</source>
        <translation>“重新加载”显示最新内容；“继续编辑”保留您的修改以便保存。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Undo takes an import back: the records it created are removed and those it updated get their old values. Records changed since are left alone.</source>
        <translation>撤销导入：删除该次导入新建的记录，并将其更新过的记录恢复为原来的值。导入后又被修改过的记录保持不变。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Undo this import…</source>
        <translation>撤销此次导入(&amp;U)…</translation>
    </message>
    <message>
        <source>Undone %s</source>
        <translation>已于 %s 撤销</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Undo the import of %1 (%2)?

The %3 record(s) it created will be removed and the %4 it updated will get their old values back. Records changed since the import are left alone.</source>
        <translation>撤销 %1（%2）的导入？

将删除该次导入新建的 %3 条记录，并将其更新过的 %4 条记录恢复为原来的值。导入后又被修改过的记录保持不变。</translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>正在撤销导入…</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>导入已撤销</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) removed.</source>
        <translation>
            <numerusform>已删除 %Ln 条记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) given back their old values.</source>
        <translation>
            <numerusform>%Ln 条记录已恢复为原来的值。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) changed since the import were left as they are.</source>
        <translation>
            <numerusform>%Ln 条记录在导入后被修改过，已保持不变。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportProblems</name>
    <message>
        <source>No name: neither a person nor a company.</source>
        <translation>没有名称：既没有联系人姓名，也没有公司名称。</translation>
    </message>
    <message>
        <source>This ID belongs to someone else in the database: is it your own numbering?</source>
        <translation>此编号在数据库中属于另一个人：这一列是否是您自己的编号？</translation>
    </message>
    <message>
        <source>Not a date that can be read (e.g. 2023-05-06).</source>
        <translation>无法识别的日期（例如应为 2023-05-06）。</translation>
    </message>
    <message>
        <source>A grade is A, B or C.</source>
        <translation>客户等级只能是 A、B 或 C。</translation>
    </message>
    <message>
        <source>The phone number cannot be read (stored as a rounded number?).</source>
        <translation>无法识别电话号码（是否被 Excel 存成了科学计数法？）。</translation>
    </message>
    <message>
        <source>%1: this value cannot be read.</source>
        <translation>%1：无法识别此值。</translation>
    </message>
    <message>
        <source>This is not a valid e-mail address.</source>
        <translation>邮箱地址格式不正确。</translation>
    </message>
    <message>
        <source>This does not look like a phone number.</source>
        <translation>这看起来不像电话号码。</translation>
    </message>
    <message>
        <source>%1: this value cannot be saved.</source>
        <translation>%1：此值无法保存。</translation>
    </message>
</context>
<context>
    <name>ImportTargets</name>
    <message>
        <source>— skip this column —</source>
        <translation>— 跳过此列 —</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名字</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓氏</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Company phone</source>
        <translation>公司电话</translation>
    </message>
    <message>
        <source>Company notes</source>
        <translation>公司备注</translation>
    </message>
    <message>
        <source>ID (from an export)</source>
        <translation>ID（来自导出文件）</translation>
    </message>
    <message>
        <source>Owner (salesperson)</source>
        <translation>负责人（销售员）</translation>
    </message>
    <message>
        <source>Grade (A, B, C)</source>
        <translation>客户等级（A、B、C）</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Other phones</source>
        <translation>其他电话</translation>
    </message>
    <message>
        <source>Other e-mails</source>
        <translation>其他邮箱</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Spreadsheets and vCards (*.xlsx *.xlsm *.xls *.ods *.csv *.vcf)</source>
        <translation>电子表格和名片 (*.xlsx *.xlsm *.xls *.ods *.csv *.vcf)</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>KnowledgeView</name>
    <message>
        <source>New article…</source>
        <translation>新建文章…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete article</source>
        <translation>删除文章</translation>
    </message>
    <message>
        <source>Move the article “%1” to the Trash?</source>
        <translation>将文章“%1”移到回收站？</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>WeChat / IM</source>
        <translation>微信 / 即时通讯</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>客户来源</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人数</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>task</source>
        <translation>跟进任务</translation>
    </message>
    <message>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>回款</translation>
    </message>
    <message>
        <source>Name</source>
        <comment>of a person</comment>
        <translation>姓名</translation>
    </message>
</context>
<context>
    <name>LeadDialog</name>
    <message>
        <source>Edit lead</source>
        <translation>编辑线索</translation>
    </message>
    <message>
        <source>New lead</source>
        <translation>新建线索</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A lead needs a name or a company.</source>
        <translation>线索需要填写姓名或公司。</translation>
    </message>
    <message>
        <source>This is not a valid e-mail address.</source>
        <translation>邮箱地址无效。</translation>
    </message>
    <message>
        <source>This does not look like a phone number.</source>
        <translation>这不像是电话号码。</translation>
    </message>
</context>
<context>
    <name>LeadSource</name>
    <message>
        <source>Web form</source>
        <translation>网站表单</translation>
    </message>
    <message>
        <source>Trade fair</source>
        <translation>展会</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>转介绍</translation>
    </message>
    <message>
        <source>Cold call</source>
        <translation>陌生电话</translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation>广告</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>LeadStatus</name>
    <message>
        <source>New</source>
        <translation>新线索</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Disqualified</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
</context>
<context>
    <name>LeadTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>LeadsView</name>
    <message>
        <source>Search leads…</source>
        <translation>搜索线索…</translation>
    </message>
    <message>
        <source>Being worked</source>
        <translation>跟进中</translation>
    </message>
    <message>
        <source>New lead</source>
        <translation>新建线索</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Convert…</source>
        <translation>转化…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Log activity…</source>
        <translation>记录跟进…</translation>
    </message>
    <message>
        <source>A call, visit or e-mail with this lead</source>
        <translation>与该线索的电话、拜访或邮件</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n 条线索</numerusform>
        </translation>
    </message>
    <message>
        <source>a new company</source>
        <translation>一个新公司</translation>
    </message>
    <message>
        <source>a new contact</source>
        <translation>一个新联系人</translation>
    </message>
    <message>
        <source>a deal</source>
        <translation>一个商机</translation>
    </message>
    <message>
        <source>nothing new (existing records used)</source>
        <translation>无新记录（使用了已有记录）</translation>
    </message>
    <message>
        <source>Lead converted</source>
        <translation>线索已转化</translation>
    </message>
    <message>
        <source>Created: %1.</source>
        <translation>已创建：%1。</translation>
    </message>
    <message>
        <source>Delete lead</source>
        <translation>删除线索</translation>
    </message>
    <message>
        <source>Delete the lead %1?</source>
        <translation>删除线索 %1？</translation>
    </message>
</context>
<context>
    <name>LineItemsEditor</name>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Type code or name</source>
        <translation>输入编码或名称</translation>
    </message>
    <message>
        <source>Remove this line</source>
        <translation>删除此行</translation>
    </message>
    <message>
        <source>Line %1: pick a product or write a description.</source>
        <translation>第 %1 行：请选择产品或填写描述。</translation>
    </message>
    <message>
        <source>Line %1: the quantity must be a number above 0.</source>
        <translation>第 %1 行：数量必须是大于 0 的数字。</translation>
    </message>
    <message>
        <source>Line %1: a quantity has at most 3 decimals.</source>
        <translation>第 %1 行：数量最多 3 位小数。</translation>
    </message>
    <message>
        <source>Line %1: write the unit price, e.g. 1280.00.</source>
        <translation>第 %1 行：请填写单价，例如 1280.00。</translation>
    </message>
    <message>
        <source>Line %1: a unit price has at most 2 decimals.</source>
        <translation>第 %1 行：单价最多 2 位小数。</translation>
    </message>
    <message>
        <source>Line %1: the discount is a percentage, 0 to 100.</source>
        <translation>第 %1 行：折扣是 0 到 100 的百分比。</translation>
    </message>
    <message>
        <source>Line %1: a discount has at most 2 decimals.</source>
        <translation>第 %1 行：折扣最多 2 位小数。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>客户服务</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>User: %s</source>
        <translation>当前用户：%s</translation>
    </message>
    <message numerus="yes">
        <source>%n more of your tickets went overdue.</source>
        <translation>
            <numerusform>您又有 %n 个工单超时了。</numerusform>
        </translation>
    </message>
    <message>
        <source>The database was upgraded; a backup of the old file is at %s</source>
        <translation>数据库已升级；旧文件的备份位于 %s</translation>
    </message>
    <message>
        <source>Nothing found: type at least one letter or digit to search.</source>
        <translation>未找到：请至少输入一个字母或数字再搜索。</translation>
    </message>
    <message>
        <source>New &amp;contact</source>
        <translation>新建联系人(&amp;C)</translation>
    </message>
    <message>
        <source>New c&amp;ompany</source>
        <translation>新建公司(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation>导入联系人(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>导入记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Export contacts…</source>
        <translation>导出联系人(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>搜索(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>撤销删除(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>联系人(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;ompanies</source>
        <translation>公司(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;My tasks</source>
        <translation>我的待办(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Trash</source>
        <translation>回收站(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;About CRM Desktop</source>
        <translation>关于 CRM Desktop(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) moved to the Trash.</source>
        <translation>
            <numerusform>已将 %n 条记录移至回收站。</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo with %s.</source>
        <translation>按 %s 可撤销。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln 个联系人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln company(s)</source>
        <translation>
            <numerusform>%Ln 家公司</numerusform>
        </translation>
    </message>
    <message>
        <source>Counts unavailable</source>
        <translation>无法统计数量</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Database (*.db)</source>
        <translation>数据库文件 (*.db)</translation>
    </message>
    <message>
        <source>Backed up to %s</source>
        <translation>已备份到 %s</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>导出联系人</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件（UTF-8 编码） (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to %1</source>
        <translation>
            <numerusform>已将 %Ln 个联系人导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting contacts…</source>
        <translation>正在导出联系人…</translation>
    </message>
    <message>
        <source>Preparing demo data…</source>
        <translation>正在准备演示数据…</translation>
    </message>
    <message>
        <source>Creating demo companies…</source>
        <translation>正在创建演示公司…</translation>
    </message>
    <message>
        <source>Creating demo contacts, their history and follow-ups…</source>
        <translation>正在创建演示联系人及其跟进记录和跟进任务…</translation>
    </message>
    <message>
        <source>Creating demo leads and deals…</source>
        <translation>正在创建演示线索和商机…</translation>
    </message>
    <message>
        <source>Creating demo quotes, orders and payments…</source>
        <translation>正在创建演示报价单、订单和回款…</translation>
    </message>
    <message>
        <source>Creating demo service tickets and articles…</source>
        <translation>正在创建示例服务工单和知识库文章…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message numerus="yes">
        <source>Demo data added: %Ln contact(s)</source>
        <translation>
            <numerusform>已添加演示数据：%Ln 个联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating demo data…</source>
        <translation>正在创建演示数据…</translation>
    </message>
    <message>
        <source>About CRM Desktop</source>
        <translation>关于 CRM Desktop</translation>
    </message>
    <message>
        <source>&lt;b&gt;CRM Desktop&lt;/b&gt; %s&lt;br&gt;Customers, contacts, history and follow-ups.&lt;br&gt;Database: %s</source>
        <translation>&lt;b&gt;CRM Desktop&lt;/b&gt; %s&lt;br&gt;管理客户、联系人、跟进记录与跟进任务。&lt;br&gt;数据库：%s</translation>
    </message>
</context>
<context>
    <name>MyTasksView</name>
    <message>
        <source>Everyone&apos;s</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Tick a task when it is done; double-click to open the customer.</source>
        <translation>完成后勾选该待办；双击可打开对应客户。</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 项已逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due today</source>
        <translation>
            <numerusform>%n 项今天到期</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <source>Check and import</source>
        <translation>检查并导入</translation>
    </message>
    <message>
        <source>Choose what happens to rows that match a contact already in the database, then check the file. Nothing is saved until you click Import.</source>
        <translation>请选择如何处理与数据库中已有联系人重复的行，然后检查文件。点击“导入”之前不会保存任何数据。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>A row that matches an existing contact</source>
        <translation>与已有联系人重复的行</translation>
    </message>
    <message>
        <source>Skip it</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Update the existing contact</source>
        <translation>更新已有记录</translation>
    </message>
    <message>
        <source>Create a new contact anyway</source>
        <translation>仍然新建联系人</translation>
    </message>
    <message>
        <source>Overwrite values that differ (otherwise only fill empty fields)</source>
        <translation>覆盖不同的值（否则仅补充空白字段）</translation>
    </message>
    <message>
        <source>Recognise an existing contact by</source>
        <translation>按以下信息识别已有联系人</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Phone or mobile</source>
        <translation>电话或手机</translation>
    </message>
    <message>
        <source>Name and company</source>
        <translation>姓名和公司</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>A trial run: reads every row, saves nothing</source>
        <translation>试运行：读取每一行，但不保存任何数据</translation>
    </message>
    <message>
        <source>Check the file to see what the import will do.</source>
        <translation>请先检查文件，了解导入将执行哪些操作。</translation>
    </message>
    <message>
        <source>to create</source>
        <translation>将新建</translation>
    </message>
    <message>
        <source>to update</source>
        <translation>将更新</translation>
    </message>
    <message>
        <source>to skip</source>
        <translation>将跳过</translation>
    </message>
    <message>
        <source>will fail</source>
        <translation>将失败</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Imported without these values: each is kept in the record&apos;s notes</source>
        <translation>导入时未放入字段的值：每个都保存在记录的备注中</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Company in the file</source>
        <translation>文件中的公司</translation>
    </message>
    <message>
        <source>Existing company</source>
        <translation>已有公司</translation>
    </message>
    <message>
        <source>The choices changed since the check: check again.</source>
        <translation>检查后选项已更改，请重新检查。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Checked: nothing was saved yet. Click Import to import.</source>
        <translation>检查完成，尚未保存任何数据。点击“导入”开始导入。</translation>
    </message>
    <message>
        <source>Rows with problems are left out; you can save them after the import.</source>
        <translation>有问题的行不会导入；导入后可将这些行另存为文件。</translation>
    </message>
    <message>
        <source>Some new company names look like existing ones: see Similar companies.</source>
        <translation>部分新公司的名称与已有公司相似，请查看“相似公司”。</translation>
    </message>
    <message>
        <source>Values that a field cannot hold go to the record&apos;s notes: see Warnings.</source>
        <translation>字段无法保存的值会放入记录的备注：请查看“警告”。</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <source>The check did not finish.</source>
        <translation>检查未完成。</translation>
    </message>
    <message>
        <source>Problems ({count})</source>
        <translation>问题 ({count})</translation>
    </message>
    <message>
        <source>Similar companies ({count})</source>
        <translation>相似公司 ({count})</translation>
    </message>
    <message>
        <source>Warnings ({count})</source>
        <translation>警告 ({count})</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>Type to search companies</source>
        <translation>输入以搜索公司</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Untick when no payment date was agreed</source>
        <translation>未约定付款日期时取消勾选</translation>
    </message>
    <message>
        <source>Payment due</source>
        <translation>付款到期</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Notes (delivery, terms …)</source>
        <translation>备注（交货、条款…）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Accept quote → order</source>
        <translation>接受报价 → 订单</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>New quote</source>
        <translation>新建报价单</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>客户拒绝</translation>
    </message>
    <message>
        <source>The customer cancelled: the order no longer counts as owed</source>
        <translation>客户取消：该订单不再计入应收</translation>
    </message>
    <message>
        <source>The customer turned the quote down</source>
        <translation>客户拒绝了报价</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Pick the customer from the list of companies.</source>
        <translation>请从公司列表中选择客户。</translation>
    </message>
    <message>
        <source>A three-letter code such as CNY, USD or EUR.</source>
        <translation>三个字母的代码，如 CNY、USD 或 EUR。</translation>
    </message>
    <message>
        <source>Payment cannot be due before the order date.</source>
        <translation>付款到期日不能早于订单日期。</translation>
    </message>
    <message>
        <source>Add at least one line.</source>
        <translation>请至少添加一行明细。</translation>
    </message>
    <message>
        <source>The total is too large.</source>
        <translation>总额过大。</translation>
    </message>
    <message>
        <source>The total cannot be less than what was already received ({paid}).</source>
        <translation>总额不能少于已回款金额（{paid}）。</translation>
    </message>
    <message>
        <source>Total: {amount} {currency}</source>
        <translation>合计：{amount} {currency}</translation>
    </message>
    <message>
        <source>Save your changes first</source>
        <translation>请先保存修改</translation>
    </message>
    <message>
        <source>Quote {quote} accepted: this is its order {order}.</source>
        <translation>报价单 {quote} 已接受：这是对应的订单 {order}。</translation>
    </message>
    <message>
        <source>Cancel order {number}? It will no longer count as owed.</source>
        <translation>取消订单 {number}？它将不再计入应收。</translation>
    </message>
    <message>
        <source>Mark quote {number} as declined by the customer?</source>
        <translation>将报价单 {number} 标记为客户拒绝？</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>It is shown again as it is now; your edits were not saved.</source>
        <translation>已重新显示最新内容；您的修改未保存。</translation>
    </message>
    <message>
        <source>Your edits were not saved.</source>
        <translation>您的修改未保存。</translation>
    </message>
    <message>
        <source>This {kind} was changed elsewhere; saving will tell you what to do.</source>
        <translation>该{kind}已在别处被修改；保存时会提示您如何处理。</translation>
    </message>
    <message>
        <source>Close without saving your changes?</source>
        <translation>不保存修改就关闭？</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>Quotes and orders</source>
        <translation>报价单和订单</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Unpaid only</source>
        <translation>仅未付清</translation>
    </message>
    <message>
        <source>Orders with an open balance (not cancelled)</source>
        <translation>有未收余额的订单（不含已取消）</translation>
    </message>
    <message>
        <source>Click to show every customer again</source>
        <translation>点击重新显示所有客户</translation>
    </message>
    <message>
        <source>Search number or customer …</source>
        <translation>搜索单号或客户…</translation>
    </message>
    <message>
        <source>New quote…</source>
        <translation>新建报价单…</translation>
    </message>
    <message>
        <source>New order…</source>
        <translation>新建订单…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message numerus="yes">
        <source>Overdue: due {due}, %n day(s) ago</source>
        <translation>
            <numerusform>已逾期：{due} 到期，已过 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已回款</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>未收余额</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>显示 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The newest %n shown; search or filter to find older ones.</source>
        <translation>
            <numerusform>显示最新的 %n 条；更早的请搜索或筛选。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 条逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>Customer: %s  ✕</source>
        <translation>客户：%s  ✕</translation>
    </message>
</context>
<context>
    <name>OverdueLabel</name>
    <message>
        <source>Open tickets assigned to you that are past a due time</source>
        <translation>分配给您且已超过期限的未结工单</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue ticket(s) of mine</source>
        <translation>
            <numerusform>我的超时工单：%n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket overdue</source>
        <translation>工单超时</translation>
    </message>
    <message numerus="yes">
        <source>%n more of your tickets went overdue.</source>
        <translation>
            <numerusform>您又有 %n 个工单超时了。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Record payment · %s</source>
        <translation>登记回款 · %s</translation>
    </message>
    <message>
        <source>Edit payment · %s</source>
        <translation>修改回款 · %s</translation>
    </message>
    <message>
        <source>Open balance</source>
        <translation>未收余额</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>回款日期</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>e.g. bank slip or transaction number</source>
        <translation>如银行回单号或交易号</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>More than the open balance of this order ({balance}).</source>
        <translation>超过了该订单的未收余额（{balance}）。</translation>
    </message>
    <message>
        <source>Write the amount received, e.g. 5000 or 5,000.00.</source>
        <translation>请填写收到的金额，如 5000 或 5,000.00。</translation>
    </message>
    <message>
        <source>A payment must be more than 0.</source>
        <translation>回款金额必须大于 0。</translation>
    </message>
</context>
<context>
    <name>PaymentsPanel</name>
    <message>
        <source>Received on</source>
        <translation>回款日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>登记回款…</translation>
    </message>
    <message>
        <source>Edit payment…</source>
        <translation>修改回款…</translation>
    </message>
    <message>
        <source>Correct a mistyped amount, date or reference</source>
        <translation>更正输错的金额、日期或凭证号</translation>
    </message>
    <message>
        <source>Delete payment</source>
        <translation>删除回款</translation>
    </message>
    <message>
        <source>Total {total} · received {paid} · open {balance} {currency}</source>
        <translation>总额 {total} · 已回款 {paid} · 未收 {balance} {currency}</translation>
    </message>
    <message>
        <source>overdue since {due}</source>
        <translation>自 {due} 起逾期</translation>
    </message>
    <message>
        <source>Payments are recorded against open orders with a balance.</source>
        <translation>回款只能登记在有未收余额的进行中订单上。</translation>
    </message>
    <message>
        <source>Delete the payment of {amount} received on {day}?</source>
        <translation>删除 {day} 收到的 {amount} 回款？</translation>
    </message>
</context>
<context>
    <name>PipelineTab</name>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>销售预测</translation>
    </message>
    <message>
        <source>Quotes &amp;&amp; orders</source>
        <translation>报价与订单</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>应收款</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
</context>
<context>
    <name>ProblemsTable</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Edit product</source>
        <translation>编辑产品</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新建产品</translation>
    </message>
    <message>
        <source>e.g. TEA-001</source>
        <translation>如 TEA-001</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Pick one or type a new category</source>
        <translation>选择或输入新类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>e.g. pcs, box, kg, hour</source>
        <translation>如 件、箱、千克、小时</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Offered (inactive products are hidden from new orders)</source>
        <translation>在售（停售产品不会出现在新订单中）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A product needs a code.</source>
        <translation>产品需要编码。</translation>
    </message>
    <message>
        <source>A product needs a name.</source>
        <translation>产品需要名称。</translation>
    </message>
    <message numerus="yes">
        <source>At most %n characters.</source>
        <translation>
            <numerusform>最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>Write a price such as 1280 or 1,280.50.</source>
        <translation>请填写价格，如 1280 或 1,280.50。</translation>
    </message>
    <message>
        <source>The price cannot be negative.</source>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>The price is too large.</source>
        <translation>价格过大。</translation>
    </message>
    <message>
        <source>The code {code} is already used by another product.</source>
        <translation>编码 {code} 已被其他产品使用。</translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message>
        <source>Search code, name, category …</source>
        <translation>搜索编码、名称、类别…</translation>
    </message>
    <message>
        <source>Show inactive</source>
        <translation>显示停售</translation>
    </message>
    <message>
        <source>New product…</source>
        <translation>新建产品…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n 个产品</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>My open tickets</source>
        <translation>我的未结工单</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>All open tickets</source>
        <translation>全部未结工单</translation>
    </message>
    <message>
        <source>All tickets</source>
        <translation>全部工单</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Search tickets: subject, customer, number…</source>
        <translation>搜索工单：主题、客户、编号…</translation>
    </message>
    <message>
        <source>New ticket…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Targets…</source>
        <translation>响应时限…</translation>
    </message>
    <message>
        <source>Response-time targets and business hours</source>
        <translation>响应时限与工作时间</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n 个工单</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadOnlyBanner</name>
    <message>
        <source>&lt;b&gt;Read-only:&lt;/b&gt; you may not change %s. You can search, view, export and back it up; to edit, open a copy you may write or ask for write access.</source>
        <translation>&lt;b&gt;只读：&lt;/b&gt;您不能修改 %s。可以搜索、查看、导出和备份；如需编辑，请打开一份您可写入的副本，或申请写入权限。</translation>
    </message>
</context>
<context>
    <name>ReceivablesView</name>
    <message>
        <source>Show unpaid orders</source>
        <translation>查看未付清订单</translation>
    </message>
    <message>
        <source>Double-click a customer to see its unpaid orders.</source>
        <translation>双击客户查看其未付清订单。</translation>
    </message>
    <message>
        <source>{amount} overdue; the oldest was due {due}</source>
        <translation>逾期 {amount}；最早于 {due} 到期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已回款</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>未收余额</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>Oldest due</source>
        <translation>最早到期</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) owe {balance}</source>
        <translation>
            <numerusform>%n 个客户欠款 {balance}</numerusform>
        </translation>
    </message>
    <message>
        <source>{overdue} overdue</source>
        <translation>逾期 {overdue}</translation>
    </message>
</context>
<context>
    <name>RecordDetail</name>
    <message>
        <source>Select a contact or company, or create a new one.</source>
        <translation>请选择一个联系人或公司，或新建一条记录。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (%s)</source>
        <translation>保存 (%s)</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Restore from Trash</source>
        <translation>从回收站恢复</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进任务</translation>
    </message>
    <message>
        <source>People</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message numerus="yes">
        <source>Deals (%n)</source>
        <translation>
            <numerusform>商机 (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>People (%n)</source>
        <translation>
            <numerusform>联系人 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed by {who} on {when}</source>
        <translation>最后修改：{who}（{when}）</translation>
    </message>
    <message>
        <source>In the Trash since {when}</source>
        <translation>已于 {when} 移入回收站</translation>
    </message>
    <message>
        <source>New company</source>
        <translation>新建公司</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <source>Fill in at least the name, then Save.</source>
        <translation>请至少填写名称，然后点击“保存”。</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被同事修改</translation>
    </message>
    <message>
        <source>Reload shows their version (your edits are discarded). Keep editing lets you copy your changes first.</source>
        <translation>“重新加载”将显示对方保存的版本（您的修改将被放弃）。“继续编辑”可让您先复制自己的修改。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Your edits are not saved.</source>
        <translation>您的修改尚未保存。</translation>
    </message>
    <message>
        <source>This record was changed elsewhere; saving will ask you what to do.</source>
        <translation>此记录已在别处被修改；保存时将询问您如何处理。</translation>
    </message>
</context>
<context>
    <name>RecordTasks</name>
    <message>
        <source>Add follow-up…</source>
        <translation>添加跟进任务…</translation>
    </message>
</context>
<context>
    <name>ReportFilters</name>
    <message>
        <source>Last 12 months</source>
        <translation>最近12个月</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>All salespeople</source>
        <translation>全部销售员</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <source>Reports never add two currencies together</source>
        <translation>报表从不把两种币种相加</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>币种：</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>Revenue {revenue}, gross profit {profit}</source>
        <translation>销售额 {revenue}，毛利 {profit}</translation>
    </message>
    <message>
        <source>Sales by period</source>
        <translation>按期间销售</translation>
    </message>
    <message>
        <source>Sales by salesperson, region, industry, product …</source>
        <translation>按销售员、地区、产品等销售</translation>
    </message>
    <message>
        <source>Sales by group</source>
        <translation>分组销售</translation>
    </message>
    <message>
        <source>Top customers and negative margin</source>
        <translation>大客户与负毛利客户</translation>
    </message>
    <message>
        <source>Top 10 by revenue</source>
        <translation>销售额前10名</translation>
    </message>
    <message>
        <source>Top 10 by gross profit</source>
        <translation>毛利前10名</translation>
    </message>
    <message>
        <source>Negative margin</source>
        <translation>负毛利</translation>
    </message>
    <message>
        <source>Customers whose known costs exceed what they paid for those lines.</source>
        <translation>已知成本高于其所付货款的客户。</translation>
    </message>
    <message>
        <source>Top customers</source>
        <translation>大客户</translation>
    </message>
    <message>
        <source>Receivables ageing and days to pay</source>
        <translation>应收账龄与回款天数</translation>
    </message>
    <message>
        <source>Ageing</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>Days to pay</source>
        <translation>回款天数</translation>
    </message>
    <message>
        <source>Slowest payers</source>
        <translation>回款最慢的客户</translation>
    </message>
    <message>
        <source>No fully paid orders in this period</source>
        <translation>此期间无全额付清的订单</translation>
    </message>
    <message>
        <source>Days to pay (by the due date)</source>
        <translation>回款天数（到期日前）</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Days from order to payment</source>
        <translation>从下单到付款的天数</translation>
    </message>
    <message>
        <source>Fully paid orders of the period: days from order to last payment.</source>
        <translation>本期全额付清的订单：从下单到最后一笔付款的天数。</translation>
    </message>
    <message>
        <source>Receivables ageing</source>
        <translation>应收账款账龄</translation>
    </message>
    <message>
        <source>Open balances by days past due, as of today.</source>
        <translation>截至今天按逾期天数统计的未收余额。</translation>
    </message>
    <message>
        <source>{n} orders not fully paid.</source>
        <translation>{n} 个订单未付清。</translation>
    </message>
    <message>
        <source>Lead conversion by source</source>
        <translation>按来源的线索转化</translation>
    </message>
    <message>
        <source>No leads in this period</source>
        <translation>此期间无线索</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <source>Won deals</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>(no source)</source>
        <translation>（无来源）</translation>
    </message>
    <message>
        <source>Lead conversion</source>
        <translation>线索转化</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Won rate</source>
        <translation>赢单率</translation>
    </message>
    <message>
        <source>Activities per salesperson</source>
        <translation>销售员活动统计</translation>
    </message>
    <message>
        <source>No activities in this period</source>
        <translation>此期间无活动</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无人）</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>周（起始日）</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>销售员</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Calls, visits, e-mails … per salesperson and week.</source>
        <translation>每位销售员每周的电话、拜访、邮件……</translation>
    </message>
    <message>
        <source>ABC classification</source>
        <translation>ABC 分类</translation>
    </message>
    <message>
        <source>{cls}: {n} customers, {value} ({share})</source>
        <translation>{cls}类：{n}个客户，{value}（{share}）</translation>
    </message>
    <message>
        <source>Grade now</source>
        <translation>当前等级</translation>
    </message>
    <message>
        <source>RFM segments and retention</source>
        <translation>RFM 分群与客户留存</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>留存</translation>
    </message>
    <message>
        <source>Customers kept and lost against the period before</source>
        <translation>与上一期相比留住与流失的客户</translation>
    </message>
    <message>
        <source>No customers in this period or the one before</source>
        <translation>本期及上一期均无客户</translation>
    </message>
    <message>
        <source>Period before</source>
        <translation>上一期</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>留住</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>流失</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>RFM customers</source>
        <translation>RFM 客户</translation>
    </message>
    <message>
        <source>Recency counted to {day}.</source>
        <translation>最近购买天数计算至 {day}。</translation>
    </message>
    <message>
        <source>RFM segments</source>
        <translation>RFM 客户分群</translation>
    </message>
    <message>
        <source>{n} customers with orders in the period.</source>
        <translation>本期有订单的客户 {n} 个。</translation>
    </message>
    <message>
        <source>Period before: {previous} customers; kept {retained} ({rate}), lost {lost}; new {new}. Below: customers past their usual interval between orders.</source>
        <translation>上一期 {previous} 个客户；留住 {retained} 个（{rate}），流失 {lost} 个；新客户 {new} 个。下表：超过其惯常下单间隔的客户。</translation>
    </message>
    <message>
        <source>Lapsed customers</source>
        <translation>久未下单的客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最近订单</translation>
    </message>
    <message>
        <source>Usual interval (days)</source>
        <translation>惯常间隔（天）</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>距今天数</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>By quarter</source>
        <translation>按季度</translation>
    </message>
    <message>
        <source>By year</source>
        <translation>按年</translation>
    </message>
    <message>
        <source>By salesperson</source>
        <translation>按销售员</translation>
    </message>
    <message>
        <source>By region</source>
        <translation>按地区</translation>
    </message>
    <message>
        <source>By industry</source>
        <translation>按行业</translation>
    </message>
    <message>
        <source>By product</source>
        <translation>按产品</translation>
    </message>
    <message>
        <source>By product category</source>
        <translation>按产品类别</translation>
    </message>
    <message>
        <source>By customer grade</source>
        <translation>按客户等级</translation>
    </message>
    <message>
        <source>By customer</source>
        <translation>按客户</translation>
    </message>
    <message>
        <source>By revenue</source>
        <translation>按销售额</translation>
    </message>
    <message>
        <source>By gross profit</source>
        <translation>按毛利</translation>
    </message>
    <message>
        <source>By payments received</source>
        <translation>按回款</translation>
    </message>
    <message>
        <source>A up to </source>
        <translation>A类至 </translation>
    </message>
    <message>
        <source>B up to </source>
        <translation>B类至 </translation>
    </message>
    <message>
        <source>Apply grades…</source>
        <translation>写入等级…</translation>
    </message>
    <message>
        <source>Write each customer&apos;s class to its company&apos;s grade (the Contacts list filters by grade); undoable</source>
        <translation>把每个客户的类别写入其公司的等级（联系人列表可按等级筛选）；可撤销</translation>
    </message>
    <message>
        <source>Undo grades</source>
        <translation>撤销等级</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Cumulative share of the total closing the class</source>
        <translation>该类别截止的累计占比</translation>
    </message>
    <message>
        <source>Class A must close below class B (such as 80 % and 95 %).</source>
        <translation>A类的截止点必须低于B类（如 80 % 和 95 %）。</translation>
    </message>
    <message>
        <source>Double-click a customer to open it in Contacts</source>
        <translation>双击客户可在联系人中打开</translation>
    </message>
    <message>
        <source>Apply grades</source>
        <translation>写入等级</translation>
    </message>
    <message>
        <source>Every company already has its class as grade.</source>
        <translation>每家公司的等级已与其类别一致。</translation>
    </message>
    <message>
        <source>There are no customers to grade.</source>
        <translation>没有可分级的客户。</translation>
    </message>
    <message numerus="yes">
        <source>Write the ABC classes to the companies&apos; grades? %n company(s) change.</source>
        <translation>
            <numerusform>把 ABC 类别写入公司等级？将有 %n 家公司改变。</numerusform>
        </translation>
    </message>
    <message>
        <source>To A: {a}, to B: {b}, to C: {c}. Undo gives the old grades back.</source>
        <translation>改为A：{a}，改为B：{b}，改为C：{c}。撤销可恢复原等级。</translation>
    </message>
    <message numerus="yes">
        <source>Grades written: %n company(s) changed.</source>
        <translation>
            <numerusform>已写入等级：%n 家公司已改变。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Grades given back: %n company(s).</source>
        <translation>
            <numerusform>已恢复等级：%n 家公司。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n company(s) changed by a colleague since: left as they are.</source>
        <translation>
            <numerusform>%n 家公司此后被同事修改过：保持不变。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Chart saved to %s</source>
        <translation>图表已保存到 %s</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to %1</source>
        <translation>
            <numerusform>已导出 %n 行到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Close ticket #%1</source>
        <translation>关闭工单 #%1</translation>
    </message>
    <message>
        <source>Resolve ticket #%1</source>
        <translation>解决工单 #%1</translation>
    </message>
    <message>
        <source>What was done; what the customer was told</source>
        <translation>做了什么；告诉客户了什么</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Customer&apos;s satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>Close ticket</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Say how it was resolved.</source>
        <translation>请填写解决方案。</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Everything is saved in one go: Cancel leaves the database as it was.</source>
        <translation>所有数据将一次性保存：点击“取消”则数据库保持不变。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已新建</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Save failed rows…</source>
        <translation>保存失败的行…</translation>
    </message>
    <message>
        <source>A workbook with the rows that failed and why: correct them and import it</source>
        <translation>生成包含失败行及失败原因的工作簿，修改后可重新导入</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Importing contacts…</source>
        <translation>正在导入联系人…</translation>
    </message>
    <message>
        <source>Done. The contact list shows the imported records.</source>
        <translation>导入完成。导入的记录已显示在联系人列表中。</translation>
    </message>
    <message>
        <source>New companies: {count}.</source>
        <translation>新建公司：{count} 家。</translation>
    </message>
    <message>
        <source>Rows with problems were not imported: save them, correct them and import that file.</source>
        <translation>有问题的行未导入：请将这些行另存为文件，修改后再导入该文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) could not go into their fields: they are in the records&apos; notes, listed below.</source>
        <translation>
            <numerusform>%n 个值无法放入对应字段：已保存在记录的备注中，见下表。</numerusform>
        </translation>
    </message>
    <message>
        <source>The import did not finish. Nothing was changed.</source>
        <translation>导入未完成，未做任何更改。</translation>
    </message>
    <message>
        <source>Save failed rows</source>
        <translation>保存失败的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件（UTF-8 编码） (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to {path}</source>
        <translation>
            <numerusform>已将 %n 行保存到 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>SalesText</name>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>刷卡</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Cheque</source>
        <translation>支票</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ServiceLabels</name>
    <message>
        <source>Inquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Waiting for customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重开</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>创建工单</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Visit scheduled</source>
        <translation>已安排上门</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <source>paused, %1 left</source>
        <translation>已暂停，剩余 %1</translation>
    </message>
</context>
<context>
    <name>ServiceTab</name>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>China (+86)</source>
        <translation>中国大陆 (+86)</translation>
    </message>
    <message>
        <source>Hong Kong (+852)</source>
        <translation>中国香港 (+852)</translation>
    </message>
    <message>
        <source>Taiwan (+886)</source>
        <translation>中国台湾 (+886)</translation>
    </message>
    <message>
        <source>Singapore (+65)</source>
        <translation>新加坡 (+65)</translation>
    </message>
    <message>
        <source>United States (+1)</source>
        <translation>美国 (+1)</translation>
    </message>
    <message>
        <source>United Kingdom (+44)</source>
        <translation>英国 (+44)</translation>
    </message>
    <message>
        <source>Germany (+49)</source>
        <translation>德国 (+49)</translation>
    </message>
    <message>
        <source>Phone numbers without a country code are from</source>
        <translation>未带国际区号的电话号码默认属于</translation>
    </message>
    <message>
        <source>A new language takes effect when CRM Desktop is restarted.</source>
        <translation>更改语言后，需重启 CRM Desktop 才能生效。</translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <source>%1 · weighted %2</source>
        <translation>%1 · 加权 %2</translation>
    </message>
    <message>
        <source>Total %1
Weighted %2</source>
        <translation>总额 %1
加权 %2</translation>
    </message>
</context>
<context>
    <name>StagesDialog</name>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <source>Pipeline stages</source>
        <translation>销售阶段</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>赢单概率</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Deals move through these stages from left to right on the board.</source>
        <translation>商机在看板上按这些阶段从左到右推进。</translation>
    </message>
    <message>
        <source>Reasons a deal is lost (one per line):</source>
        <translation>输单原因（每行一个）：</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>新阶段</translation>
    </message>
    <message>
        <source>Every stage needs a name.</source>
        <translation>每个阶段都需要名称。</translation>
    </message>
    <message>
        <source>Two stages have the same name.</source>
        <translation>有两个阶段名称相同。</translation>
    </message>
    <message>
        <source>Keep at least one open stage.</source>
        <translation>至少保留一个进行中的阶段。</translation>
    </message>
    <message>
        <source>The stage %1 still holds %2 deals; move them to another stage first.</source>
        <translation>阶段 %1 中还有 %2 个商机，请先把它们移到其他阶段。</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Response-time targets</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>First response (h)</source>
        <translation>首次响应（小时）</translation>
    </message>
    <message>
        <source>Resolution (h)</source>
        <translation>解决（小时）</translation>
    </message>
    <message>
        <source>A ticket that came in this way is due by these times at the latest, whatever its kind and priority (e.g. e-mail: first response 12 h). — : no rule.</source>
        <translation>经此渠道进来的工单，无论类型和优先级，最迟在这些时间内到期（例如邮件：首次响应 12 小时）。—：不设规则。</translation>
    </message>
    <message>
        <source>By kind and priority</source>
        <translation>按类型和优先级</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <source>Business hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>Shared by everyone on this database; new tickets follow them.</source>
        <translation>本数据库的所有用户共用；新工单按此计算期限。</translation>
    </message>
    <message>
        <source>Count working time only</source>
        <translation>只计算工作时间</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不回访</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时段</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Return visit after a resolved complaint</source>
        <translation>投诉解决后自动回访</translation>
    </message>
    <message>
        <source>“%1” is not a date like 2027-01-01.</source>
        <translation>“%1”不是 2027-01-01 这样的日期。</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>New follow-up</source>
        <translation>新建跟进任务</translation>
    </message>
    <message>
        <source>e.g. Send the quotation</source>
        <translation>例如：发送报价单</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>TaskTree</name>
    <message>
        <source>Task</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Due times are set from the response-time targets on Save.</source>
        <translation>保存时按响应时限设定期限。</translation>
    </message>
    <message>
        <source>Ticket #%1</source>
        <translation>工单 #%1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Write a reply to the customer, or a note</source>
        <translation>给客户写回复，或写内部备注</translation>
    </message>
    <message>
        <source>Also log the reply on the customer&apos;s timeline</source>
        <translation>同时记录到客户的时间线</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>发送回复</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Kept on the ticket; never sent to the customer</source>
        <translation>只留在工单上，不会发给客户</translation>
    </message>
    <message>
        <source>Insert article…</source>
        <translation>插入文章…</translation>
    </message>
    <message>
        <source>Answer → article…</source>
        <translation>答复转为文章…</translation>
    </message>
    <message>
        <source>Turn this ticket&apos;s answer into a knowledge-base article</source>
        <translation>把此工单的答复整理成知识库文章</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Wait for customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <source>Close ticket…</source>
        <translation>关闭工单…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>The clock stops until the customer answers</source>
        <translation>客户答复前暂停计时</translation>
    </message>
    <message>
        <source>Schedule visit…</source>
        <translation>安排上门…</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>on the customer&apos;s timeline</source>
        <translation>已记入客户时间线</translation>
    </message>
    <message>
        <source>Ticket #%1 · %2 · %3</source>
        <translation>工单 #%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Opened %1 by %2</source>
        <translation>%1 由 %2 创建</translation>
    </message>
    <message>
        <source>First response %1</source>
        <translation>首次响应 %1</translation>
    </message>
    <message>
        <source>First response due %1</source>
        <translation>首次响应期限 %1</translation>
    </message>
    <message>
        <source>Resolved %1</source>
        <translation>已于 %1 解决</translation>
    </message>
    <message>
        <source>Resolution due %1</source>
        <translation>解决期限 %1</translation>
    </message>
    <message>
        <source>Satisfaction: %1 of 5</source>
        <translation>满意度：%1 / 5</translation>
    </message>
    <message>
        <source>Visit %1 by %2</source>
        <translation>上门 %1，技术员 %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
</context>
<context>
    <name>TicketForm</name>
    <message>
        <source>Type to search the customer&apos;s company</source>
        <translation>输入关键字搜索客户的公司</translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation>关于什么？</translation>
    </message>
    <message>
        <source>What the customer said, the details …</source>
        <translation>客户说了什么，细节 …</translation>
    </message>
    <message>
        <source>Nobody (unassigned)</source>
        <translation>无人（未分配）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>A ticket needs a subject.</source>
        <translation>工单需要主题。</translation>
    </message>
    <message>
        <source>Pick the customer&apos;s company.</source>
        <translation>请选择客户的公司。</translation>
    </message>
    <message>
        <source>Pick a company from the list.</source>
        <translation>请从列表中选择公司。</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>Log a new %s</source>
        <translation>新建%s记录</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Correct the selected entry</source>
        <translation>修改所选记录</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected entry</source>
        <translation>删除所选记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>With</source>
        <translation>联系对象</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Delete this entry from the history?

%s</source>
        <translation>要从历史中删除这条记录吗？

%s</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Schedule a visit for #%1</source>
        <translation>为 #%1 安排上门</translation>
    </message>
    <message>
        <source>Address, parts to bring …</source>
        <translation>地址、要带的配件 …</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The visit becomes the technician&apos;s follow-up in My tasks.</source>
        <translation>上门会成为技术员“我的任务”中的待办。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>安排</translation>
    </message>
    <message>
        <source>Pick the technician.</source>
        <translation>请选择技术员。</translation>
    </message>
</context>
<context>
    <name>_FormBase</name>
    <message>
        <source>Comma-separated, e.g. VIP, Newsletter</source>
        <translation>多个标签用逗号分隔，例如：VIP，重点客户</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <source>This does not look like a phone number.</source>
        <translation>这似乎不是有效的电话号码。</translation>
    </message>
</context>
</TS>
