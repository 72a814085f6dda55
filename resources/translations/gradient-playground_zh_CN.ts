<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackwardPanel</name>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="61"/>
        <source>x.grad.zero_() on every leaf (or set .grad to None)</source>
        <extracomment>Above this many elements the gradient grid is not shown and ones are used. The dtype of a root whose dtype is not known (PyTorch&apos;s default dtype). numpy dtypes of the PyTorch dtypes a gradient can have (``bfloat16`` has none: its gradient is sent as float32, which PyTorch casts to the root&apos;s dtype). Zero grad&apos;s tooltip when there is a ``.grad`` to zero, and when there is none.</extracomment>
        <translation>对每个叶子张量执行 x.grad.zero_()（或把 .grad 设为 None）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="64"/>
        <source>Nothing to zero: no leaf has a .grad yet (or it was set to None). Click Backward first.</source>
        <translation>没有可清零的梯度：还没有叶子张量有 .grad（或已被设为 None）。请先点击“反向传播”。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="185"/>
        <source>The tensor to call .backward() on (every tensor with a grad_fn)</source>
        <extracomment>(root name, gradient as a numpy array or None, retain_graph, zero_before). set_to_none: False zeros every leaf&apos;s .grad, True sets it to None. The gradient grid holds text that is not a number: the message.</extracomment>
        <translation>要调用 .backward() 的张量（所有带 grad_fn 的张量）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="189"/>
        <location filename="../../playground/ui/backward_panel.py" line="295"/>
        <source>gradient (same shape as the root):</source>
        <translation>gradient（与根张量形状相同）：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="191"/>
        <source>retain graph</source>
        <translation>保留计算图</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="195"/>
        <source>retain_graph=True keeps the graph&apos;s saved tensors so you can click Backward again</source>
        <translation>retain_graph=True 会保留计算图中保存的张量，这样可以再次点击“反向传播”</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="199"/>
        <source>zero grads before backward</source>
        <translation>反向传播前先清零梯度</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="202"/>
        <source>Zero every leaf&apos;s .grad first, so gradients do not accumulate</source>
        <translation>先把每个叶子张量的 .grad 清零，梯度就不会累加</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="204"/>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="205"/>
        <source>root.backward(...) on the live tensors (Ctrl+B)</source>
        <translation>在当前张量上执行 root.backward(...)（Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="207"/>
        <source>Zero grad</source>
        <translation>梯度清零</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="209"/>
        <source>set to None</source>
        <translation>设为 None</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="211"/>
        <source>Zero grad sets .grad = None instead of zeroing it in place</source>
        <translation>“梯度清零”改为设置 .grad = None，而不是原地清零</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="213"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="214"/>
        <source>Re-run the whole script from scratch (Ctrl+R)</source>
        <translation>从头重新运行整个脚本（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="231"/>
        <source>root:</source>
        <translation>根张量：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="285"/>
        <source>no tensor has a grad_fn</source>
        <translation>没有带 grad_fn 的张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="287"/>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="288"/>
        <source>shape {dims}</source>
        <translation>形状 {dims}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="297"/>
        <source>gradient: ones (too many elements to edit here)</source>
        <translation>gradient：全 1（元素太多，无法在此编辑）</translation>
    </message>
</context>
<context>
    <name>CodeEditor</name>
    <message>
        <location filename="../../playground/ui/editor.py" line="159"/>
        <source>Toggle &amp;comment</source>
        <extracomment>Width in pixels of the ``no_grad`` toggle column at the right of the gutter. Background of a bracket and its partner next to the cursor (translucent blue). Background of a bracket next to the cursor that has no partner (translucent red). Alpha of the palette&apos;s highlight colour behind the cursor&apos;s line (subtle). Emitted after :meth:`apply_edits` changed the text (a structured edit: run at once). A structured edit was not possible (e.g. ``no_grad`` on a shared line): the reason. (text, bracket partners) of the last text scanned for brackets.</extracomment>
        <translation>切换注释(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="162"/>
        <source>Comment or uncomment the selected lines</source>
        <translation>注释或取消注释选中的行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="166"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="169"/>
        <source>Find in the script</source>
        <translation>在脚本中查找</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="173"/>
        <source>&amp;Replace…</source>
        <translation>替换(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="176"/>
        <source>Find and replace in the script</source>
        <translation>在脚本中查找并替换</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="42"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="46"/>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="47"/>
        <source>Case sensitive</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="50"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="51"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="52"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="53"/>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="56"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="180"/>
        <source>no matches</source>
        <translation>无匹配项</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="183"/>
        <source>{current} of {total}</source>
        <translation>第 {current} 个，共 {total} 个</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="188"/>
        <source>{total} matches</source>
        <translation>{total} 个匹配项</translation>
    </message>
    <message>
        <location filename="../../playground/ui/find_bar.py" line="216"/>
        <source>{count} replaced</source>
        <translation>已替换 {count} 处</translation>
    </message>
</context>
<context>
    <name>GraphLegend</name>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="113"/>
        <source>leaf (requires grad)</source>
        <extracomment>Text whose line would be drawn shorter than this many screen pixels is left out (nodes keep their coloured shapes, edges lose their labels): it is illegible anyway, and big graphs stay smooth when zoomed out. ``fit()`` never zooms out further than this line height on screen (it scrolls instead), except for a graph of at most :data:`FIT_WHOLE_NODES` nodes. ``fit()`` always shows the whole of a graph this small, however small its text. English plurals that are not ``word + &quot;s&quot;``.</extracomment>
        <translation>叶子（requires grad）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="116"/>
        <source>non-leaf tensor</source>
        <translation>非叶子张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="122"/>
        <source>no grad (disconnected)</source>
        <translation>无梯度（已断开）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="126"/>
        <source>backward node</source>
        <translation>反向节点</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="130"/>
        <source>saved tensor</source>
        <translation>保存的张量</translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="54"/>
        <source>Auto</source>
        <extracomment>How long an AccumulateGrad step makes its leaf flash, in ms. The direction menu: (text, layout direction or &quot;auto&quot;).</extracomment>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="55"/>
        <source>Top → down</source>
        <translation>从上到下</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="56"/>
        <source>Left → right</source>
        <translation>从左到右</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="150"/>
        <source>Fit</source>
        <extracomment>&quot;Auto&quot; lays a big graph out left to right when the view is at least this much wider than tall (a docked panel is wide and short: columns then read at full size). &quot;Auto&quot; tries both directions on graphs up to this many nodes and keeps the one that fits the view at the larger zoom (bigger graphs: by the view&apos;s shape alone). Node kinds in the summary&apos;s order (the legend&apos;s). Lines of text the details pane always has room for. Below this height the panel is compact (see ``GraphPanel.set_compact``). The graph drawn (without saved tensors unless &quot;Saved tensors&quot; is on). Asks the kernel what a backward node saved, live: ``node_id -&gt; {attr: text}`` (set by the window). Without it, the details use what the graph carries. The graph as received (with its saved-tensor nodes), and the whole graph&apos;s node count before the kernel cut it.</extracomment>
        <translation>适应</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="153"/>
        <source>Fit the graph, keeping text readable (F)</source>
        <translation>缩放计算图以适应窗口，并保持文字可读（F）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="156"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="159"/>
        <source>Fit the whole graph, however small (Shift+F)</source>
        <translation>显示整个计算图，不论多小（Shift+F）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="164"/>
        <source>Lay the graph out top-down or left to right (Auto: by the view&apos;s shape)</source>
        <translation>从上到下或从左到右排布计算图（自动：按视图形状）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="168"/>
        <source>Saved tensors</source>
        <translation>保存的张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="170"/>
        <source>Also draw what each backward node saved for backward</source>
        <translation>同时画出每个反向节点为反向传播保存的张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="172"/>
        <source>Export SVG</source>
        <translation>导出 SVG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="175"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="178"/>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="178"/>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="181"/>
        <source>Step ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="181"/>
        <source>Next backward step</source>
        <translation>反向传播的下一步</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="185"/>
        <source>no backward yet</source>
        <translation>尚未进行反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="194"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="195"/>
        <source>What the node shapes and colours mean</source>
        <translation>节点的形状和颜色代表什么</translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="423"/>
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="429"/>
        <source>%n leaf(s)</source>
        <translation>
            <numerusform>%n 个叶子张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="430"/>
        <source>%n non-leaf tensor(s)</source>
        <translation>
            <numerusform>%n 个非叶子张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="431"/>
        <source>%n tensor(s) without grad</source>
        <translation>
            <numerusform>%n 个无梯度的张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="432"/>
        <source>%n backward node(s)</source>
        <translation>
            <numerusform>%n 个反向节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="433"/>
        <source>%n AccumulateGrad node(s)</source>
        <translation>
            <numerusform>%n 个 AccumulateGrad 节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="434"/>
        <source>%n saved tensor(s)</source>
        <translation>
            <numerusform>%n 个保存的张量</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="442"/>
        <source>Click a node for details.</source>
        <translation>点击节点查看详情。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="442"/>
        <source>No tensors yet.</source>
        <translation>还没有张量。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="454"/>
        <source>showing the {shown} nodes nearest the named tensors of {total}</source>
        <translation>显示 {total} 个节点中离命名张量最近的 {shown} 个</translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="473"/>
        <source>the last backward failed after %n step(s): {reason}</source>
        <translation>
            <numerusform>上一次反向传播在 %n 步后失败：{reason}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="478"/>
        <source>backward recorded: %n step(s) — use Step ▶ to replay</source>
        <translation>
            <numerusform>已记录反向传播：%n 步 — 用“下一步 ▶”回放</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="481"/>
        <source>no backward yet: press Backward to see gradients flow</source>
        <translation>尚未进行反向传播：点击“反向传播”查看梯度如何流动</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="513"/>
        <source>step {index}/{total}: {node}</source>
        <translation>第 {index}/{total} 步：{node}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="514"/>
        <location filename="../../playground/ui/graph_panel.py" line="529"/>
        <source> (custom backward)</source>
        <translation>（自定义 backward）</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <location filename="../../playground/ui/main_window.py" line="64"/>
        <source>requires_grad and grad_fn</source>
        <extracomment>Bump when the dock layout changes so an old saved state is not restored onto it. Below this width the docks take the compact arrangement (see ``arrange_docks``). The lessons&apos; names as the Examples menu shows them (code words kept as code).</extracomment>
        <translation>requires_grad 与 grad_fn</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="65"/>
        <source>requires_grad_() in place</source>
        <translation>原地调用 requires_grad_()</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="66"/>
        <source>Gradients accumulate in .grad</source>
        <translation>梯度在 .grad 中累加</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="67"/>
        <source>backward() of a non-scalar</source>
        <translation>对非标量调用 backward()</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="68"/>
        <source>torch.no_grad()</source>
        <translation>torch.no_grad()</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="69"/>
        <source>.data</source>
        <translation>.data</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../playground/ui/main_window.py" line="195"/>
        <source>Tensors</source>
        <extracomment>Restore and save geometry and dock layout in ``QSettings`` (off for screenshots). The one evented session: the kernel, the live child, what the panels draw. ``&quot;python&quot;`` (typed code, lessons, trusted files) or ``&quot;restricted&quot;``. The kernel&apos;s run option; the toolbar&apos;s grad-mode switch rewrites the script instead (``torch.set_grad_enabled(False)``), so this stays on. The script has the grad-mode switch&apos;s ``torch.set_grad_enabled(False)``. A Backward / Zero grad is waiting for the kernel (clicks meanwhile are ignored). The next adopted run belongs to a newly loaded script: drop its &quot;previous&quot; series. The docks were sized for the window (at its first show), or restored. The graph column&apos;s share of the window&apos;s width, kept across window resizes. The window width the docks were last sized for. Which default arrangement the docks are in, and whether it still follows the window&apos;s width (not once a layout was restored or the user moved a dock).</extracomment>
        <translation>张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="196"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="197"/>
        <source>Autograd graph</source>
        <translation>自动求导计算图</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="198"/>
        <source>Gradient history</source>
        <translation>梯度历史</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="199"/>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="200"/>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="383"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="383"/>
        <source>Start an empty script</source>
        <translation>新建一个空脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="386"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="389"/>
        <source>Open a .py script</source>
        <translation>打开一个 .py 脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="391"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="391"/>
        <source>Save the script</source>
        <translation>保存脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="394"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="397"/>
        <source>Save under a new name</source>
        <translation>以新名称保存</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="399"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="399"/>
        <source>Close the window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="402"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="405"/>
        <source>Undo the last edit (typing or structured)</source>
        <translation>撤销上一次编辑（键入或结构化编辑）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="407"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="407"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="410"/>
        <source>Add &amp;tensor…</source>
        <translation>添加张量(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="413"/>
        <source>Append a tensor creation</source>
        <translation>在末尾添加一个张量创建语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="417"/>
        <source>Add &amp;operation…</source>
        <translation>添加运算(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="420"/>
        <source>Append an operation</source>
        <translation>在末尾添加一个运算</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="424"/>
        <source>Toggle no_grad on this statement</source>
        <translation>切换此语句的 no_grad</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="427"/>
        <source>Wrap/unwrap the statement at the cursor in torch.no_grad()</source>
        <translation>用 torch.no_grad() 包裹/取消包裹光标所在的语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="431"/>
        <location filename="../../playground/ui/main_window.py" line="543"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="434"/>
        <source>Re-run the whole script</source>
        <translation>重新运行整个脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="438"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="441"/>
        <source>Cancel the running script</source>
        <translation>取消正在运行的脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="445"/>
        <source>&amp;Backward</source>
        <translation>反向传播(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="448"/>
        <source>root.backward() on the live tensors</source>
        <translation>在当前张量上执行 root.backward()</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="452"/>
        <source>&amp;Zero grad</source>
        <translation>梯度清零(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="455"/>
        <source>x.grad.zero_() on every leaf</source>
        <translation>对每个叶子张量执行 x.grad.zero_()</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="459"/>
        <source>Zero grad (set to &amp;None)</source>
        <translation>梯度清零（设为 &amp;None）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="462"/>
        <source>x.grad = None on every leaf</source>
        <translation>对每个叶子张量设置 x.grad = None</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="466"/>
        <source>Grad mode off for the whole script (&amp;no_grad)</source>
        <translation>对整个脚本关闭梯度模式(&amp;no_grad)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="470"/>
        <source>Writes torch.set_grad_enabled(False) at the top of the script (or removes it): nothing after it records a graph. Ctrl+Z undoes it</source>
        <translation>在脚本顶部写入 torch.set_grad_enabled(False)（或将其删除）：其后的代码都不再记录计算图。按 Ctrl+Z 可撤销</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="475"/>
        <source>no_grad mode</source>
        <translation>no_grad 模式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="478"/>
        <source>Seed with torch.manual_seed(0) before each run</source>
        <translation>每次运行前调用 torch.manual_seed(0)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="481"/>
        <source>The same random numbers on every live re-run (off: fresh ones each run)</source>
        <translation>每次重新运行都得到相同的随机数（关闭：每次运行都不同）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="488"/>
        <source>&amp;Fit graph</source>
        <translation>适应计算图(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="491"/>
        <source>Fit the graph to its dock</source>
        <translation>缩放计算图以适应其面板</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="495"/>
        <source>&amp;Export graph…</source>
        <translation>导出计算图(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="498"/>
        <source>Save the graph</source>
        <translation>保存计算图</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="502"/>
        <source>&amp;Language reference</source>
        <translation>语言参考(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="505"/>
        <source>What Python mode and restricted mode run, and what to write instead</source>
        <translation>Python 模式和受限模式能运行哪些代码，以及应改用什么写法</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="507"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="507"/>
        <source>About Gradient Playground</source>
        <translation>关于 Gradient Playground</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="518"/>
        <source>&amp;File</source>
        <extracomment>The Zero grad actions&apos; own tooltips, shown again once there is a .grad to zero.</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="521"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="529"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="556"/>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="565"/>
        <source>Open the lesson {name} as a fresh script</source>
        <translation>以新脚本打开课程 {name}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="568"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="585"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="597"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="603"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="704"/>
        <source>Restricted mode: {name} was opened from disk and is not trusted yet, so it runs in the playground&apos;s safe subset of Python.</source>
        <extracomment>The status message that reports the script&apos;s error (cleared when it is fixed).</extracomment>
        <translation>受限模式：{name} 是从磁盘打开的，尚未被信任，因此按 Playground 的 Python 安全子集运行。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="723"/>
        <source>Python mode</source>
        <translation>Python 模式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="723"/>
        <source>Restricted mode</source>
        <translation>受限模式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="726"/>
        <source>the kernel is starting</source>
        <translation>内核正在启动</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="732"/>
        <source>no sandbox: press Run (Ctrl+R) to run</source>
        <translation>没有沙箱：按“运行”(Ctrl+R) 才会运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="751"/>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="769"/>
        <source>run cancelled</source>
        <translation>运行已取消</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="774"/>
        <source>internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="786"/>
        <source>stopped: the last good run is shown</source>
        <translation>已停止：显示的是上一次成功的运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="809"/>
        <source>not run: fix the error</source>
        <translation>未运行：请修正错误</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="823"/>
        <source> · error at line {line}</source>
        <translation> · 第 {line} 行出错</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="825"/>
        <source>ran in {ms} ms</source>
        <translation>运行用时 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="827"/>
        <source>ran {count} statements in {ms} ms</source>
        <translation>运行了 {count} 条语句，用时 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1055"/>
        <source>Grad mode not changed: {reason}</source>
        <translation>梯度模式未更改：{reason}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1079"/>
        <source>grad mode: ON</source>
        <translation>梯度模式：开</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1079"/>
        <source>grad mode: no_grad</source>
        <translation>梯度模式：no_grad</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1106"/>
        <source>Export graph</source>
        <translation>导出计算图</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1114"/>
        <source>Language reference</source>
        <translation>语言参考</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1126"/>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1128"/>
        <source>&lt;p&gt;version {version} · PyTorch {torch}&lt;/p&gt;</source>
        <translation>&lt;p&gt;版本 {version} · PyTorch {torch}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1132"/>
        <source>&lt;p&gt;Learn PyTorch autograd by doing: edit the script, click Backward, watch requires_grad, grad_fn and .grad change. Every button is a rewrite of the code.&lt;/p&gt;</source>
        <translation>&lt;p&gt;动手学习 PyTorch 自动求导：编辑脚本，点击“反向传播”，观察 requires_grad、grad_fn 和 .grad 的变化。每个按钮都对应一次代码改写。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1137"/>
        <source>&lt;p&gt;&lt;b&gt;Start here:&lt;/b&gt; open a lesson from the Examples menu (Ctrl+1 … Ctrl+6), click Backward (Ctrl+B) a few times and watch .grad add up; Zero grad (Ctrl+0) resets it. Tick requires_grad in the Tensors panel, or click the circle next to a line to wrap it in torch.no_grad(). Every shortcut is shown next to its menu entry.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;从这里开始：&lt;/b&gt;从“示例”菜单打开一课（Ctrl+1 … Ctrl+6），点击几次“反向传播”（Ctrl+B），观察 .grad 不断累加；“梯度清零”（Ctrl+0）会把它重置。在“张量”面板中勾选 requires_grad，或点击某行旁边的圆圈，把它包进 torch.no_grad()。每个快捷键都显示在对应菜单项旁边。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1149"/>
        <source>Language saved: {language}. It applies at the next start.</source>
        <translation>已保存语言：{language}。下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1159"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>PlotPanel</name>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="61"/>
        <source>● script run   ■ Backward click   — Run ×N   ┆ zero grad   ╌ previous run   (hover the plot for exact values)</source>
        <extracomment>Minimum time between two redraws requested through :meth:`PlotPanel.refresh`. Point symbols are drawn only up to this many runs (beyond, lines only). Curves of more runs than this are drawn with 1-pixel pens (much faster to paint). Zero markers are individual infinite lines up to this many events.</extracomment>
        <translation>● 脚本运行   ■ 点击反向传播   — 运行 ×N   ┆ 梯度清零   ╌ 上次运行   （鼠标悬停在图上查看精确值）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="241"/>
        <source>backward run</source>
        <extracomment>Largest N for Run ×N. The symbol of a Run ×N run joined to neither neighbour (Run ×N runs have no symbol). The legend entry of the faded previous-run curves. The view of an empty plot (no runs): x and y from 0 to 1, auto-range on. ``optimizer.step()`` markers, on the loss plot. The loss plot&apos;s smallest height (it grows to fit its axis label). The loss plot&apos;s data area never gets shorter than this (pixels). At most this many unit ticks when pyqtgraph offers no whole-number spacing. Seconds the last paint took. &quot;Clear previous&quot; was clicked (the window may tell whoever keeps the faded series). The faded series the user cleared (and its fingerprint): later histories that carry it again (each action brings a fresh history, with the same previous object or a fresh copy of it) show it no more. Seconds the last redraw took, painting included (estimated).</extracomment>
        <translation>反向传播次数</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="280"/>
        <source>Tensor:</source>
        <translation>张量：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="284"/>
        <source>Tracked tensor whose curves the picker on the right sets</source>
        <translation>被跟踪的张量，右侧的选择框设置它的曲线</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="292"/>
        <source>Draw every element, or the L2 norm, mean or max of .grad</source>
        <translation>画出每个元素，或 .grad 的 L2 范数、均值或最大值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="296"/>
        <source>Previous run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="299"/>
        <source>Show the last script run&apos;s history, faded</source>
        <translation>以淡色显示上一次脚本运行的历史</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="302"/>
        <source>Clear previous</source>
        <translation>清除上次</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="306"/>
        <source>Export the history as CSV</source>
        <translation>将历史导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="307"/>
        <source>Export the plot as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="308"/>
        <source>Export the plot as SVG</source>
        <translation>将图表导出为 SVG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="325"/>
        <source>How many backward runs Run ×N does</source>
        <translation>“运行 ×N”执行多少次反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="327"/>
        <source>Run ×N</source>
        <translation>运行 ×N</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="328"/>
        <source>Backward N times with the current settings</source>
        <translation>按当前设置反向传播 N 次</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="331"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="274"/>
        <location filename="../../playground/ui/plot_panel.py" line="729"/>
        <source>step</source>
        <translation>优化步</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_legend.py" line="140"/>
        <source>+{count} more</source>
        <extracomment>At most this many rows of entries. Pixels between two columns of entries. Width of an entry&apos;s line sample (pyqtgraph&apos;s ItemSample is 20 × 20). Pixels above and below the entries. Its :meth:`height_for` may have changed (entries came or went).</extracomment>
        <translation>还有 {count} 项</translation>
    </message>
</context>
<context>
    <name>SessionClient</name>
    <message>
        <location filename="../../playground/ui/session_client.py" line="118"/>
        <source>The kernel process stopped and was restarted.</source>
        <extracomment>How often the zygote is checked (and restarted if it died). Longest the GUI thread waits for an on-demand answer (inspector text, saved values). Longest an on-demand answer may take before the child is stopped. Longest quitting waits for the worker thread (an idle one ends at once). A run was sent to the kernel. ``(generation, RunOutcome)`` of a run submitted with :meth:`submit_run`. One chunk of output, as the script prints it. ``(op, ActionOutcome)`` of Backward, Zero grad or Run ×N. ``(done, requested, HistoryData | None)`` during Run ×N. The state every panel draws changed (a run, or an action on the live session). One line about the kernel itself (restarted, sandbox incomplete, could not start). The last run that replaced the state, and that state. ``torch.manual_seed(0)`` before every run (the same numbers on each live re-run).</extracomment>
        <translation>内核进程已停止，并已重新启动。</translation>
    </message>
</context>
<context>
    <name>TrustBar</name>
    <message>
        <location filename="../../playground/ui/trust.py" line="54"/>
        <source>Trust and run as Python</source>
        <translation>信任并以 Python 运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/trust.py" line="58"/>
        <source>Run this file as full Python (still sandboxed: no writes outside a scratch folder, no network, no new processes). Remembered for this file&apos;s content.</source>
        <translation>以完整的 Python 运行此文件（仍在沙箱中：不能写入临时文件夹以外的位置，不能联网，不能启动新进程）。会按此文件的内容记住。</translation>
    </message>
</context>
</TS>
