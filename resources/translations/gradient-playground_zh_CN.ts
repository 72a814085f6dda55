<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddOperationDialog</name>
    <message>
        <location filename="../../playground/ui/forms.py" line="300"/>
        <source>Add operation</source>
        <translation>添加运算</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="314"/>
        <source>Operation:</source>
        <translation>运算：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="318"/>
        <source>Result name:</source>
        <translation>结果名称：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="330"/>
        <source>a tensor variable (b: or a number)</source>
        <translation>一个张量变量（b：也可以是数字）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="354"/>
        <source>a: pick a tensor variable</source>
        <translation>a：请选择一个张量变量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="358"/>
        <source>b: pick a tensor variable or type a number</source>
        <translation>b：请选择一个张量变量或输入一个数字</translation>
    </message>
</context>
<context>
    <name>AddTensorDialog</name>
    <message>
        <location filename="../../playground/ui/forms.py" line="205"/>
        <source>Add tensor</source>
        <translation>添加张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="216"/>
        <source>e.g. 2, 3  (empty: a scalar)</source>
        <translation>例如 2, 3（留空：标量）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="222"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="223"/>
        <source>Factory:</source>
        <translation>创建函数：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="224"/>
        <source>Shape:</source>
        <translation>形状：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="225"/>
        <source>Value:</source>
        <translation>值：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="237"/>
        <source>fill value, e.g. 0.5</source>
        <translation>填充值，例如 0.5</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="239"/>
        <source>values, e.g. [1.0, 2.0, 3.0]</source>
        <translation>数值，例如 [1.0, 2.0, 3.0]</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="265"/>
        <source>values: a number or a list of numbers, e.g. [1.0, 2.0]</source>
        <translation>数值：一个数字或数字列表，例如 [1.0, 2.0]</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="266"/>
        <source>values: numbers only</source>
        <translation>数值：只能是数字</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="268"/>
        <source>shape: whole numbers separated by commas, e.g. 2, 3</source>
        <translation>形状：用逗号分隔的整数，例如 2, 3</translation>
    </message>
    <message>
        <location filename="../../playground/ui/forms.py" line="270"/>
        <source>fill value: a number, e.g. 0.5</source>
        <translation>填充值：一个数字，例如 0.5</translation>
    </message>
</context>
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
        <location filename="../../playground/ui/backward_panel.py" line="196"/>
        <source>The tensor to call .backward() on (every tensor with a grad_fn)</source>
        <extracomment>The learner typed into the grid since it was last filled. (root name, gradient as a numpy array or None, retain_graph, zero_before). set_to_none: False zeros every leaf&apos;s .grad, True sets it to None. The gradient grid holds text that is not a number: the message.</extracomment>
        <translation>要调用 .backward() 的张量（所有带 grad_fn 的张量）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="200"/>
        <location filename="../../playground/ui/backward_panel.py" line="306"/>
        <source>gradient (same shape as the root):</source>
        <translation>gradient（与根张量形状相同）：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="202"/>
        <source>retain graph</source>
        <translation>保留计算图</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="206"/>
        <source>retain_graph=True keeps the graph&apos;s saved tensors so you can click Backward again</source>
        <translation>retain_graph=True 会保留计算图中保存的张量，这样可以再次点击“反向传播”</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="210"/>
        <source>zero grads before backward</source>
        <translation>反向传播前先清零梯度</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="213"/>
        <source>Zero every leaf&apos;s .grad first, so gradients do not accumulate</source>
        <translation>先把每个叶子张量的 .grad 清零，梯度就不会累加</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="215"/>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="216"/>
        <source>root.backward(...) on the live tensors (Ctrl+B)</source>
        <translation>在当前张量上执行 root.backward(...)（Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="218"/>
        <source>Zero grad</source>
        <translation>梯度清零</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="220"/>
        <source>set to None</source>
        <translation>设为 None</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="222"/>
        <source>Zero grad sets .grad = None instead of zeroing it in place</source>
        <translation>“梯度清零”改为设置 .grad = None，而不是原地清零</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="224"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="225"/>
        <source>Re-run the whole script from scratch (Ctrl+R)</source>
        <translation>从头重新运行整个脚本（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="242"/>
        <source>root:</source>
        <translation>根张量：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="296"/>
        <source>no tensor has a grad_fn</source>
        <translation>没有带 grad_fn 的张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="298"/>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="299"/>
        <source>shape {dims}</source>
        <translation>形状 {dims}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="308"/>
        <source>gradient: ones (too many elements to edit here)</source>
        <translation>gradient：全 1（元素太多，无法在此编辑）</translation>
    </message>
</context>
<context>
    <name>CellRunner</name>
    <message>
        <location filename="../../playground/ui/cells.py" line="40"/>
        <location filename="../../playground/ui/cells.py" line="51"/>
        <source>ran to line {line}</source>
        <extracomment>``(source, status text)`` of the prefix run last asked for.</extracomment>
        <translation>已运行到第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/cells.py" line="42"/>
        <source>ran cell {first}</source>
        <translation>已运行单元格 {first}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/cells.py" line="44"/>
        <source>ran cells {first}–{last}</source>
        <translation>已运行单元格 {first}–{last}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/cells.py" line="75"/>
        <source>Run &amp;cell</source>
        <translation>运行单元格(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/cells.py" line="78"/>
        <source>Run the script up to the end of the # %% cell at the cursor</source>
        <translation>运行脚本，直到光标所在 # %% 单元格的末尾</translation>
    </message>
    <message>
        <location filename="../../playground/ui/cells.py" line="82"/>
        <source>Run to c&amp;ursor</source>
        <translation>运行到光标处(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/cells.py" line="85"/>
        <source>Run the script up to the end of the statement at the cursor</source>
        <translation>运行脚本，直到光标所在语句的末尾</translation>
    </message>
</context>
<context>
    <name>CodeEditor</name>
    <message>
        <location filename="../../playground/ui/editor.py" line="166"/>
        <source>Toggle &amp;comment</source>
        <extracomment>Width in pixels of the ``no_grad`` toggle column at the right of the gutter. Background of a bracket and its partner next to the cursor (translucent blue). Background of a bracket next to the cursor that has no partner (translucent red). Alpha of the palette&apos;s highlight colour behind the cursor&apos;s line (subtle). The thin line drawn above each ``# %%`` cell marker. The forward timeline&apos;s statement (amber, under the current line&apos;s shade). Emitted after :meth:`apply_edits` changed the text (a structured edit: run at once). A structured edit was not possible (e.g. ``no_grad`` on a shared line): the reason. The statement the forward timeline shows (``set_statement_highlight``). (text, bracket partners) of the last text scanned for brackets.</extracomment>
        <translation>切换注释(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="169"/>
        <source>Comment or uncomment the selected lines</source>
        <translation>注释或取消注释选中的行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="173"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="176"/>
        <source>Find in the script</source>
        <translation>在脚本中查找</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="180"/>
        <source>&amp;Replace…</source>
        <translation>替换(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/editor.py" line="183"/>
        <source>Find and replace in the script</source>
        <translation>在脚本中查找并替换</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../../playground/ui/console.py" line="30"/>
        <source>Traceback (most recent call last, script lines only):</source>
        <extracomment>Prefix of a warning line in the console. Prefix of an error line in the console. Line above the script frames of a Python-mode error.</extracomment>
        <translation>调用栈（最近的调用在最后，只列出脚本中的行）：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/console.py" line="87"/>
        <source>Output of print(), warnings and errors appear here.</source>
        <extracomment>The fewest lines of output the console shows. ... in the compact window (under 1000 px wide), where it shares a column with the graph.</extracomment>
        <translation>print() 的输出、警告和错误显示在这里。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/console.py" line="120"/>
        <source>line {line}: </source>
        <translation>第 {line} 行：</translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <location filename="../../playground/ui/explanations.py" line="20"/>
        <source>A custom torch.autograd.Function&apos;s backward must return one gradient for each input of its forward (ctx excluded), in the same order, even for inputs that need none. Fix: return a tuple as long as forward&apos;s argument list, with None for the inputs that do not require grad (ctx.needs_input_grad tells which do), e.g. return grad_output * y, None.</source>
        <extracomment>Translation context of the explanations. Key -&gt; English text, exactly as :data:`playground.core.explain.EXPLANATIONS` has it.</extracomment>
        <translation>自定义 torch.autograd.Function 的 backward 必须为 forward 的每个输入（不含 ctx）各返回一个梯度，顺序相同，即使某些输入不需要梯度也一样。解决办法：返回一个与 forward 参数列表一样长的元组，不需要梯度的输入对应 None（ctx.needs_input_grad 会告诉你哪些需要），例如 return grad_output * y, None。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="28"/>
        <source>You called .backward() on a tensor that holds more than one number. Autograd computes a vector-Jacobian product, so for a non-scalar output it needs the vector: a tensor of the same shape saying how much each element counts. Fix: pass it, e.g. z.backward(torch.ones_like(z)) (or a weight tensor w, as in z.backward(w)), or reduce to a scalar first, e.g. z.sum().backward() or z.mean().backward().</source>
        <translation>你对一个包含多个数的张量调用了 .backward()。自动求导计算的是向量-雅可比积，所以对非标量输出，它需要这个向量：一个形状相同的张量，说明每个元素占多大分量。解决办法：把它传进去，例如 z.backward(torch.ones_like(z))（或者传一个权重张量 w，如 z.backward(w)），或者先归约成标量，例如 z.sum().backward() 或 z.mean().backward()。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="37"/>
        <source>The first backward pass freed the intermediate values the graph had saved for computing gradients, so the same graph cannot be walked again. Fix: call the first backward with retain_graph=True (out.backward(retain_graph=True); in the Backward panel, keep &quot;retain graph&quot; ticked) if you really want to backward twice -- the gradients then add up in .grad -- or re-run the forward computation to build a fresh graph before each backward.</source>
        <translation>第一次反向传播已经释放了计算图为求梯度而保存的中间值，所以同一个计算图不能再走一遍。解决办法：如果确实要反向传播两次，第一次调用时加上 retain_graph=True（out.backward(retain_graph=True)；在“反向传播”面板中保持勾选“保留计算图”）——两次的梯度会在 .grad 中相加；或者在每次反向传播之前重新运行前向计算，构建新的计算图。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="46"/>
        <source>The tensor you called .backward() on is not connected to anything that requires grad: its grad_fn is None, so there is no graph to go back through. This happens when none of its inputs has requires_grad=True, when it was computed under torch.no_grad() (or with the grad-mode switch off), or after .detach(). Fix: create the input leaf with requires_grad=True (e.g. torch.ones(2, 2, requires_grad=True)) and compute the output outside no_grad.</source>
        <translation>你调用 .backward() 的张量没有连接到任何需要梯度的东西：它的 grad_fn 是 None，所以没有可以反向回溯的计算图。当它的输入都没有 requires_grad=True、它是在 torch.no_grad() 下（或在梯度模式开关关闭时）计算的、或者经过了 .detach() 时，就会这样。解决办法：创建输入的叶子张量时加上 requires_grad=True（例如 torch.ones(2, 2, requires_grad=True)），并在 no_grad 之外计算输出。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="56"/>
        <source>You changed a leaf tensor that requires grad in place (x += 1, x.add_(...), x[0] = ...). Autograd forbids that because the leaf&apos;s old value may be needed to compute gradients. Fix: make a new tensor instead (x = x + 1), or, to change the parameter&apos;s values on purpose (as an optimizer step does), do it inside with torch.no_grad(): so it is not recorded.</source>
        <translation>你原地修改了一个需要梯度的叶子张量（x += 1、x.add_(...)、x[0] = ...）。自动求导禁止这样做，因为计算梯度时可能需要叶子张量原来的值。解决办法：改为创建新张量（x = x + 1）；如果是有意修改参数的值（就像优化器的 step 那样），请在 with torch.no_grad(): 中进行，这样它不会被记录。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="64"/>
        <source>A tensor that autograd saved during the forward pass (to compute a gradient later) was changed in place afterwards, so its version counter no longer matches (&quot;is at version 1; expected version 0&quot;). Backward refuses to use the wrong values. Fix: use the out-of-place form of the operation that modified it (y = y + 1 instead of y += 1 or y.add_(1)), or use .clone() before modifying it.</source>
        <translation>自动求导在前向传播时保存的一个张量（用于之后计算梯度）随后被原地修改了，所以它的版本计数器对不上了（“is at version 1; expected version 0”）。反向传播拒绝使用错误的值。解决办法：对修改它的运算改用非原地形式（用 y = y + 1 代替 y += 1 或 y.add_(1)），或者在修改之前先 .clone()。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="73"/>
        <source>requires_grad can only be changed on a leaf (a tensor you created, not the result of an operation on tensors that require grad). A computed tensor requires grad because its inputs do; that cannot be switched off. Fix: to use its value without tracking, take y.detach(); to stop tracking an input, change requires_grad on the leaf it was computed from.</source>
        <translation>requires_grad 只能在叶子张量（你创建的张量，而不是对需要梯度的张量做运算得到的结果）上修改。计算得到的张量需要梯度，是因为它的输入需要梯度；这一点无法关掉。解决办法：如果想使用它的值而不被追踪，取 y.detach()；如果想停止追踪某个输入，请在计算它的那个叶子张量上修改 requires_grad。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="81"/>
        <source>.grad is only filled for leaf tensors that require grad (the ones you created with requires_grad=True); for an intermediate result it stays None and backward does not store it, to save memory. Fix: read .grad of the leaf instead, or call y.retain_grad() on the intermediate tensor before backward to keep its gradient.</source>
        <translation>.grad 只会为需要梯度的叶子张量（你用 requires_grad=True 创建的那些）填写；对中间结果它保持为 None，反向传播为了节省内存不会保存它。解决办法：改为读取叶子张量的 .grad，或者在 backward 之前对中间张量调用 y.retain_grad() 来保留它的梯度。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="89"/>
        <source>Something was None where a tensor was expected -- in autograd code this is almost always .grad: it is None until a backward pass has reached the tensor, and it stays None for tensors that do not require grad and for non-leaf tensors. Since PyTorch 2.0, optimizer.zero_grad() and model.zero_grad() also set every .grad to None (set_to_none=True) instead of filling it with zeros. Fix: call .backward() first (x.grad.zero_() only works after it), check that the tensor is a leaf with requires_grad=True, guard with if x.grad is not None: x.grad.zero_(), or call optimizer.zero_grad(set_to_none=False) to keep zero tensors.</source>
        <translation>某处需要一个张量，得到的却是 None——在自动求导代码中，这几乎总是 .grad：在反向传播到达该张量之前它是 None，对不需要梯度的张量和非叶子张量它一直是 None。从 PyTorch 2.0 起，optimizer.zero_grad() 和 model.zero_grad() 也会把每个 .grad 设为 None（set_to_none=True），而不是填零。解决办法：先调用 .backward()（x.grad.zero_() 只有在那之后才可用），确认该张量是 requires_grad=True 的叶子张量，用 if x.grad is not None: x.grad.zero_() 做判断，或者调用 optimizer.zero_grad(set_to_none=False) 以保留全零张量。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="101"/>
        <source>Gradients only exist for floating-point (and complex) tensors, and this one holds integers (torch.tensor([1, 2]) is int64). Fix: make it float, e.g. torch.tensor([1.0, 2.0], requires_grad=True) or pass dtype=torch.float32.</source>
        <translation>只有浮点（和复数）张量才有梯度，而这个张量存的是整数（torch.tensor([1, 2]) 是 int64）。解决办法：把它变成浮点，例如 torch.tensor([1.0, 2.0], requires_grad=True)，或者传入 dtype=torch.float32。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="107"/>
        <source>A tensor that is part of the autograd graph cannot be turned into a NumPy array directly, since NumPy would not track the operations. Fix: detach it first, t.detach().numpy(), or read values with t.tolist().</source>
        <translation>属于自动求导计算图的张量不能直接转成 NumPy 数组，因为 NumPy 不会追踪运算。解决办法：先 detach，t.detach().numpy()，或者用 t.tolist() 读取数值。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/explanations.py" line="113"/>
        <source>torch.autograd.grad(outputs, inputs) was asked for the gradient with respect to a tensor that does not require grad. Fix: create that input with requires_grad=True, or leave it out of inputs.</source>
        <translation>torch.autograd.grad(outputs, inputs) 被要求对一个不需要梯度的张量求梯度。解决办法：创建那个输入时加上 requires_grad=True，或者把它从 inputs 中去掉。</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <location filename="../../playground/ui/files.py" line="36"/>
        <source>Python scripts (*.py);;Notebooks (*.ipynb);;All files (*)</source>
        <extracomment>Environment variable overriding where settings and the recovery copy live. How many recent files the File menu lists. How often the recovery copy is refreshed while the script is modified.</extracomment>
        <translation>Python 脚本 (*.py);;笔记本 (*.ipynb);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="158"/>
        <source>Open script</source>
        <extracomment>The current file changed (&quot;&quot; for an untitled script). The editor now holds a different script (New, Open, an example, a recovery). ``(path, text)`` of a file just loaded from disk (the window decides its trust). The recent-files list changed. The IPython-only lines left out of the notebook loaded last (``DroppedLine``). File name of the built-in lesson on screen (an untitled copy of it), if any.</extracomment>
        <translation>打开脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="173"/>
        <source>Open failed</source>
        <translation>打开失败</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="174"/>
        <source>Cannot open {path}:
{message}</source>
        <translation>无法打开 {path}：
{message}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="206"/>
        <source>Save script as</source>
        <translation>脚本另存为</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="225"/>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="244"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="245"/>
        <source>{name} has unsaved changes. Save them?</source>
        <translation>{name} 有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="290"/>
        <source>Recover unsaved script?</source>
        <translation>恢复未保存的脚本？</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="292"/>
        <source>Gradient Playground was closed with unsaved changes to {file}. Restore them?</source>
        <translation>Gradient Playground 上次关闭时，{file} 有未保存的更改。要恢复吗？</translation>
    </message>
    <message>
        <location filename="../../playground/ui/files.py" line="295"/>
        <source>Gradient Playground was closed with unsaved changes. Restore them?</source>
        <translation>Gradient Playground 上次关闭时有未保存的更改。要恢复吗？</translation>
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
    <name>Forms</name>
    <message>
        <location filename="../../playground/ui/forms.py" line="131"/>
        <source>{name} is reserved in the playground</source>
        <extracomment>Factories offered by the Add tensor form (all in the interpreter&apos;s whitelist).</extracomment>
        <translation>{name} 在 playground 中是保留名称</translation>
    </message>
</context>
<context>
    <name>GradFlowPanel</name>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="104"/>
        <source>|grad| (mean, max)</source>
        <extracomment>How many times smaller or larger than the median a layer&apos;s gradient is to be marked.</extracomment>
        <translation>|grad|（均值、最大值）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="105"/>
        <source>parameter (layer order)</source>
        <translation>参数（按层顺序）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="107"/>
        <source>mean |grad|</source>
        <translation>|grad| 均值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="107"/>
        <source>backward run</source>
        <translation>反向传播次数</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="229"/>
        <source>vanishing</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="229"/>
        <source>exploding</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="237"/>
        <source>No backward recorded yet: after one, each parameter&apos;s mean and max |grad| appear here.</source>
        <translation>还没有记录到反向传播：运行一次后，这里会显示每个参数 |grad| 的均值和最大值。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="250"/>
        <source>Vanishing (≥ 100× below the median {median}): {names}.</source>
        <translation>梯度消失（比中位数 {median} 小 100 倍以上）：{names}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="252"/>
        <source>Exploding (≥ 100× above the median {median}): {names}.</source>
        <translation>梯度爆炸（比中位数 {median} 大 100 倍以上）：{names}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="257"/>
        <source>No layer&apos;s mean |grad| is 100× below or above the median ({median}).</source>
        <translation>没有哪一层的 |grad| 均值比中位数（{median}）小或大 100 倍。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="262"/>
        <source>No gradient (None): {names}.</source>
        <translation>没有梯度（None）：{names}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/grad_flow_panel.py" line="276"/>
        <source>Gradient flow</source>
        <translation>梯度流</translation>
    </message>
</context>
<context>
    <name>GradientEditor</name>
    <message>
        <location filename="../../playground/ui/backward_panel.py" line="103"/>
        <source>gradient for a non-scalar root: backward() computes the vector-Jacobian product with this tensor (the seed&apos;s z.backward(w))</source>
        <translation>非标量根的 gradient：backward() 用这个张量计算向量-雅可比积（即示例中的 z.backward(w)）</translation>
    </message>
</context>
<context>
    <name>GraphLegend</name>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="122"/>
        <source>leaf (requires grad)</source>
        <extracomment>Text whose line would be drawn shorter than this many screen pixels is left out (nodes keep their coloured shapes, edges lose their labels): it is illegible anyway, and big graphs stay smooth when zoomed out. ``fit()`` never zooms out further than this line height on screen (it scrolls instead), except for a graph of at most :data:`FIT_WHOLE_NODES` nodes. ``fit()`` always shows the whole of a graph this small, however small its text. English plurals that are not ``word + &quot;s&quot;``.</extracomment>
        <translation>叶子（requires grad）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="125"/>
        <source>non-leaf tensor</source>
        <translation>非叶子张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="131"/>
        <source>no grad (disconnected)</source>
        <translation>无梯度（已断开）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="135"/>
        <source>backward node</source>
        <translation>反向节点</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="139"/>
        <source>saved tensor</source>
        <translation>保存的张量</translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="57"/>
        <source>Auto</source>
        <extracomment>How long an AccumulateGrad step makes its leaf flash, in ms. The direction menu: (text, layout direction or &quot;auto&quot;).</extracomment>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="58"/>
        <source>Top → down</source>
        <translation>从上到下</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="59"/>
        <source>Left → right</source>
        <translation>从左到右</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="86"/>
        <source>leaf</source>
        <extracomment>&quot;Auto&quot; lays a big graph out left to right when the view is at least this much wider than tall (a docked panel is wide and short: columns then read at full size). &quot;Auto&quot; tries both directions on graphs up to this many nodes and keeps the one that fits the view at the larger zoom (bigger graphs: by the view&apos;s shape alone). Node kinds in the summary&apos;s order (the legend&apos;s). Lines of text the details pane always has room for. Below this height the panel is compact (see ``GraphPanel.set_compact``). Node kinds as the details name them (the kernel sends the codes).</extracomment>
        <translation>叶子张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="87"/>
        <source>non-leaf</source>
        <translation>非叶子张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="88"/>
        <source>no grad</source>
        <translation>无梯度</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="89"/>
        <source>saved tensor</source>
        <translation>保存的张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="95"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="166"/>
        <source>Fit</source>
        <extracomment>The graph drawn (without saved tensors unless &quot;Saved tensors&quot; is on). Asks the kernel what a backward node saved, live: ``node_id -&gt; {attr: text}`` (set by the window). Without it, the details use what the graph carries. The graph as received (with its saved-tensor nodes), and the whole graph&apos;s node count before the kernel cut it. The highlighted cut (node ids, tooltip), kept across redraws.</extracomment>
        <translation>适应</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="169"/>
        <source>Fit the graph, keeping text readable (F)</source>
        <translation>缩放计算图以适应窗口，并保持文字可读（F）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="172"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="175"/>
        <source>Fit the whole graph, however small (Shift+F)</source>
        <translation>显示整个计算图，不论多小（Shift+F）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="180"/>
        <source>Lay the graph out top-down or left to right (Auto: by the view&apos;s shape)</source>
        <translation>从上到下或从左到右排布计算图（自动：按视图形状）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="184"/>
        <source>Saved tensors</source>
        <translation>保存的张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="186"/>
        <source>Also draw what each backward node saved for backward</source>
        <translation>同时画出每个反向节点为反向传播保存的张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="187"/>
        <source>Collapse modules</source>
        <translation>折叠模块</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="190"/>
        <source>Draw each nn.Module as one box (click a box&apos;s header to open or close it)</source>
        <translation>把每个 nn.Module 画成一个方框（点击方框的标题可展开或折叠）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="194"/>
        <source>Export SVG</source>
        <translation>导出 SVG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="197"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="200"/>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="200"/>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="203"/>
        <source>Step ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="203"/>
        <source>Next backward step</source>
        <translation>反向传播的下一步</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="207"/>
        <source>no backward yet</source>
        <translation>尚未进行反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="216"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="217"/>
        <source>What the node shapes and colours mean</source>
        <translation>节点的形状和颜色代表什么</translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="499"/>
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n 个节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="505"/>
        <source>%n leaf(s)</source>
        <translation>
            <numerusform>%n 个叶子张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="506"/>
        <source>%n non-leaf tensor(s)</source>
        <translation>
            <numerusform>%n 个非叶子张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="507"/>
        <source>%n tensor(s) without grad</source>
        <translation>
            <numerusform>%n 个无梯度的张量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="508"/>
        <source>%n backward node(s)</source>
        <translation>
            <numerusform>%n 个反向节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="509"/>
        <source>%n AccumulateGrad node(s)</source>
        <translation>
            <numerusform>%n 个 AccumulateGrad 节点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="510"/>
        <source>%n saved tensor(s)</source>
        <translation>
            <numerusform>%n 个保存的张量</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="518"/>
        <source>Click a node for details.</source>
        <translation>点击节点查看详情。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="518"/>
        <source>No tensors yet.</source>
        <translation>还没有张量。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="530"/>
        <source>showing the {shown} nodes nearest the named tensors of {total}</source>
        <translation>显示 {total} 个节点中离命名张量最近的 {shown} 个</translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="549"/>
        <source>the last backward failed after %n step(s): {reason}</source>
        <translation>
            <numerusform>上一次反向传播在 %n 步后失败：{reason}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/graph_panel.py" line="554"/>
        <source>backward recorded: %n step(s) — use Step ▶ to replay</source>
        <translation>
            <numerusform>已记录反向传播：%n 步 — 用“下一步 ▶”回放</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="557"/>
        <source>no backward yet: press Backward to see gradients flow</source>
        <translation>尚未进行反向传播：点击“反向传播”查看梯度如何流动</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="589"/>
        <source>step {index}/{total}: {node}</source>
        <translation>第 {index}/{total} 步：{node}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="590"/>
        <location filename="../../playground/ui/graph_panel.py" line="607"/>
        <source> (custom backward)</source>
        <translation>（自定义 backward）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="610"/>
        <source>Step {number}: {node}</source>
        <translation>第 {number} 步：{node}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="614"/>
        <source>grad_outputs (in): {grads}</source>
        <translation>grad_outputs（传入）：{grads}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="618"/>
        <source>local derivative: {formula}</source>
        <translation>局部导数：{formula}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="621"/>
        <location filename="../../playground/ui/graph_panel.py" line="675"/>
        <source>(unnamed leaf)</source>
        <translation>（未命名的叶子张量）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="624"/>
        <source>accumulated into &lt;b&gt;{name}.grad&lt;/b&gt; = {grad}</source>
        <translation>累加到 &lt;b&gt;{name}.grad&lt;/b&gt; = {grad}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="630"/>
        <source>grad_inputs (out): {grads}</source>
        <translation>grad_inputs（传出）：{grads}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="661"/>
        <source>not in the autograd graph: &lt;b&gt;{why}&lt;/b&gt;</source>
        <translation>不在自动求导计算图中：&lt;b&gt;{why}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="666"/>
        <source>created at script line {line}</source>
        <translation>创建于脚本第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="668"/>
        <source>outputs (gradient comes from): </source>
        <translation>输出（梯度来自）：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="676"/>
        <source>fills {name}.grad</source>
        <translation>写入 {name}.grad</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="677"/>
        <source>inputs (gradient goes to): </source>
        <translation>输入（梯度流向）：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="682"/>
        <source>saved for backward:</source>
        <translation>为反向传播保存的值：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_panel.py" line="714"/>
        <source>Export graph</source>
        <translation>导出计算图</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="201"/>
        <source>scalar</source>
        <extracomment>The outline of the nodes where a gradient&apos;s path is cut (&quot;why is this gradient None?&quot;). Left-to-right layouts size each box to its text: at least this wide, and a leaf that requires grad at least LEAF_WIDTH (room for a 4-value ``.grad`` after a backward). The kernel&apos;s words in node labels, translated in the window (context ``GraphView``).</extracomment>
        <translation>标量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="202"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="203"/>
        <source>made under no_grad</source>
        <translation>在 no_grad 下创建</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="204"/>
        <source>detached</source>
        <translation>已 detach</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="205"/>
        <source>never required grad</source>
        <translation>从未需要梯度</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="207"/>
        <source>freed by backward (use retain_graph=True to keep it)</source>
        <translation>已被反向传播释放（用 retain_graph=True 可保留）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="237"/>
        <source>custom backward</source>
        <translation>自定义 backward</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="244"/>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="258"/>
        <source>not in the graph: {why}</source>
        <translation>不在计算图中：{why}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="260"/>
        <source>created at line {line}</source>
        <translation>创建于第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="262"/>
        <source>inside the module {module}</source>
        <translation>位于模块 {module} 内</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="266"/>
        <source>a custom autograd.Function: its backward is your Python code</source>
        <translation>自定义的 autograd.Function：它的 backward 是你的 Python 代码</translation>
    </message>
    <message>
        <location filename="../../playground/ui/graph_view.py" line="592"/>
        <source>gradient that flowed here:</source>
        <extracomment>Part of a highlighted cut, with the sentence its tooltip adds. A saved tensor beside its node: ``(node item, saved items between them)``; drawn as a short straight polyline (see :func:`beside_points`). The points drawn, and the collapsed group&apos;s box the edge ends on (if any).</extracomment>
        <translation>流经这里的梯度：</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <location filename="../../playground/ui/inspector.py" line="76"/>
        <source>summarized, too large to edit</source>
        <extracomment>Leaves with more elements than this are edited in the code, not in the grid. Below this width the attributes go above the grids. What the value note says of a tensor too big to carry its values.</extracomment>
        <translation>已概括，太大无法编辑</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="375"/>
        <source>made under no_grad:</source>
        <extracomment>The dtype ``torch.tensor([...])`` gives a literal of Python floats (the default dtype). The user typed ``value`` into the cell at flat index ``flat`` of the tensor. The text typed was not a value of the tensor&apos;s dtype. A structured edit of the script (``list[TextEdit]``) from a value cell. Why the shown tensor&apos;s ``.grad`` is None or zero (a ``WhyNoneView``), or ``None``. The views shown (the run&apos;s, or the newer ones of :meth:`update_tensors`). The run&apos;s ``tensor_views`` as last read (to notice the window replacing them). Asks the kernel for PyTorch&apos;s whole text of one tensor, by name (the window sets it); without it a summarized tensor shows the text its view carries. Asks the kernel why a tensor&apos;s ``.grad`` is None or zero, by name: a ``WhyNoneView`` or ``None`` (the window sets it). What the label shows (a ``WhyNoneView``), or ``None``.</extracomment>
        <translation>在 no_grad 下创建：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="505"/>
        <source>Select a tensor in the Tensors panel to inspect it</source>
        <extracomment>PyTorch&apos;s text of a summarized tensor (and of its .grad), instead of a grid.</extracomment>
        <translation>在“张量”面板中选择一个张量以查看详情</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="528"/>
        <source>(the full text is not available: {error})</source>
        <translation>（无法获取完整文本：{error}）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="537"/>
        <source>leaf</source>
        <translation>叶子张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="539"/>
        <source>result of {op}</source>
        <translation>{op} 的结果</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="541"/>
        <source>, requires grad</source>
        <translation>，需要梯度</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="544"/>
        <source> (made under no_grad)</source>
        <translation>（在 no_grad 下创建）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="564"/>
        <source>yes (the whole script ran with grad mode off)</source>
        <translation>是（整个脚本在关闭梯度模式下运行）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="568"/>
        <source>unknown (not assigned by a statement)</source>
        <translation>未知（不是由语句赋值的）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="572"/>
        <source>no (line {line})</source>
        <translation>否（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="575"/>
        <source>yes (line {line} ran under torch.no_grad())</source>
        <translation>是（第 {line} 行在 torch.no_grad() 下运行）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="598"/>
        <source>value · {count}</source>
        <translation>值 · {count}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="604"/>
        <source>{name} has more than a grid can hold: PyTorch&apos;s own text of it is shown</source>
        <translation>{name} 的元素太多，表格放不下：这里显示 PyTorch 自己的文本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="608"/>
        <source> · double-click to edit</source>
        <translation> · 双击可编辑</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="611"/>
        <source>An edit rewrites the creation of {name} in the code as torch.tensor([...])</source>
        <translation>编辑会把代码中创建 {name} 的语句改写为 torch.tensor([...])</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="615"/>
        <source> · computed: edit its inputs</source>
        <translation> · 计算所得：请编辑它的输入</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="617"/>
        <source> · made by an expression: edit the code</source>
        <translation> · 由表达式得到：请编辑代码</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="619"/>
        <source> · over {count} values: edit them in the code</source>
        <translation> · 超过 {count} 个值：请在代码中编辑</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="647"/>
        <source>.grad: not stored, {name} is not a leaf
(call {name}.retain_grad() before backward to keep it)</source>
        <translation>.grad：未保存，{name} 不是叶子张量
（在 backward 之前调用 {name}.retain_grad() 可保留它）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="659"/>
        <source>no backward has reached it yet</source>
        <translation>还没有反向传播到达它</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="661"/>
        <source>it does not require grad</source>
        <translation>它不需要梯度</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="663"/>
        <source>.grad: None ({why})</source>
        <translation>.grad：None（{why}）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="667"/>
        <source>.grad · {count} · summarized</source>
        <translation>.grad · {count} · 已概括</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="670"/>
        <source>.grad · {count}</source>
        <translation>.grad · {count}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="683"/>
        <source>%n value(s)</source>
        <translation>%n 个值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/inspector.py" line="684"/>
        <source>showing {rows_shown} of {rows} rows × {cols_shown} of {cols} columns of {n} values</source>
        <translation>显示 {rows} 行中的 {rows_shown} 行 × {cols} 列中的 {cols_shown} 列，共 {n} 个值</translation>
    </message>
</context>
<context>
    <name>JacobianFeature</name>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="490"/>
        <source>Run a script to see its Jacobian.</source>
        <extracomment>A view was drawn (the :class:`JacobianView`).</extracomment>
        <translation>运行一个脚本以查看它的雅可比矩阵。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="492"/>
        <source>No tensor has a grad_fn: there is no root y.</source>
        <translation>没有张量带有 grad_fn：没有根 y。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="494"/>
        <source>No leaf requires grad: there is no x.</source>
        <translation>没有需要梯度的叶子张量：没有 x。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="519"/>
        <source>No answer.</source>
        <translation>没有应答。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="524"/>
        <source>The kernel sent a malformed answer ({why}).</source>
        <translation>内核发来的应答格式有误（{why}）。</translation>
    </message>
</context>
<context>
    <name>JacobianPanel</name>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="185"/>
        <source>The leaf x of J = ∂y/∂x (y is the Backward panel&apos;s root)</source>
        <extracomment>Quiet time after a change before the kernel is asked (typing in the gradient grid). Longest :meth:`JacobianFeature.show_leaf` waits for the kernel, in ms. The diverging colour scale&apos;s ends (negative, positive); zero is white.</extracomment>
        <translation>J = ∂y/∂x 中的叶子张量 x（y 是“反向传播”面板中的根）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="208"/>
        <source>Run a script with a non-scalar result to see its Jacobian.</source>
        <translation>运行一个结果为非标量的脚本，以查看它的雅可比矩阵。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="212"/>
        <source>leaf x:</source>
        <translation>叶子张量 x：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="266"/>
        <source>J = ∂{y}/∂{x}: {m} × {n} (rows: {y}&apos;s elements, columns: {x}&apos;s)</source>
        <translation>J = ∂{y}/∂{x}：{m} × {n}（行：{y} 的元素，列：{x} 的元素）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="275"/>
        <source>The graph has hooks: they ran once per row of J while it was computed.</source>
        <translation>计算图中有钩子：计算 J 时，J 的每一行都让它们运行了一次。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="279"/>
        <source>v (the gradient of {y}.backward(v)):</source>
        <translation>v（{y}.backward(v) 的 gradient 参数）：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="283"/>
        <source>vᵀJ beside the real {x}.grad:</source>
        <translation>vᵀJ 与真实的 {x}.grad 对照：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="297"/>
        <source>✓ vᵀJ = {x}.grad</source>
        <translation>✓ vᵀJ = {x}.grad</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="300"/>
        <source>{x}.grad is None: click Backward (with this v) to compare it with vᵀJ.</source>
        <translation>{x}.grad 是 None：点击“反向传播”（使用这个 v），再与 vᵀJ 比较。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="304"/>
        <source>✗ {x}.grad = {k} × vᵀJ: it accumulated over {k} backward passes. Click Zero grad, then Backward once.</source>
        <translation>✗ {x}.grad = {k} × vᵀJ：它在 {k} 次反向传播中累加了。请点击“梯度清零”，然后点击一次“反向传播”。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="308"/>
        <source>✗ {x}.grad ≠ vᵀJ: it also holds gradients of other backward passes (another v, another root, or several clicks). Click Zero grad, then Backward once with this v.</source>
        <translation>✗ {x}.grad ≠ vᵀJ：它还包含其他反向传播的梯度（另一个 v、另一个根，或点击了多次）。请点击“梯度清零”，然后用这个 v 点击一次“反向传播”。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="326"/>
        <source>Finite differences are not available in restricted mode: they run the script again, which needs Python mode (Trust and run as Python).</source>
        <translation>受限模式下不能计算有限差分：它们需要再次运行脚本，这需要 Python 模式（“信任并以 Python 运行”）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="330"/>
        <source>Finite differences failed: {why}.</source>
        <translation>有限差分失败：{why}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="333"/>
        <source>Finite differences need the statement that binds {x}; none was found.</source>
        <translation>有限差分需要给 {x} 赋值的语句；没有找到。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="337"/>
        <source>Finite differences took too long: each column runs the script twice (more than {s} s in all).</source>
        <translation>有限差分耗时太长：每一列都要运行脚本两次（总计超过 {s} 秒）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="342"/>
        <source>Finite differences (y(x + h) − y(x − h)) / 2h, in {dtype}: max |FD − J| = {diff} {mark}</source>
        <translation>有限差分 (y(x + h) − y(x − h)) / 2h，使用 {dtype}：|FD − J| 的最大值 = {diff} {mark}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="347"/>
        <source>(the first {k} of {n} columns)</source>
        <translation>（{n} 列中的前 {k} 列）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="349"/>
        <source>(stopped after {k} of {n} columns: more than {s} s)</source>
        <translation>（在 {n} 列中的第 {k} 列后停止：超过 {s} 秒）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="361"/>
        <source>J would have {m} × {n} = {entries} entries, more than the {cap} shown here: pick a smaller root or leaf.</source>
        <translation>J 将有 {m} × {n} = {entries} 个元素，超过这里能显示的 {cap} 个：请选择更小的根或叶子张量。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="370"/>
        <source>{y} is not a tensor of the last run.</source>
        <translation>{y} 不是上一次运行中的张量。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="371"/>
        <source>{x} is not a tensor of the last run.</source>
        <translation>{x} 不是上一次运行中的张量。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="373"/>
        <source>{y} has no grad_fn (a leaf, or made under no_grad): autograd recorded no operation to differentiate, so there is no J = ∂{y}/∂{x}.</source>
        <translation>{y} 没有 grad_fn（是叶子张量，或在 no_grad 下创建）：自动求导没有记录可求导的运算，所以没有 J = ∂{y}/∂{x}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="376"/>
        <source>{x} does not require grad: autograd keeps no ∂{y}/∂{x}.</source>
        <translation>{x} 不需要梯度：自动求导不保留 ∂{y}/∂{x}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="377"/>
        <source>{y} or {x} has no elements.</source>
        <translation>{y} 或 {x} 没有元素。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="378"/>
        <source>{y} or {x} is complex: its J is not shown here.</source>
        <translation>{y} 或 {x} 是复数张量：这里不显示它的 J。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="380"/>
        <source>The graph of {y} was freed by a backward without retain_graph=True. Click Run (Ctrl+R) to rebuild it, then keep “retain graph” ticked.</source>
        <translation>{y} 的计算图已被一次没有 retain_graph=True 的反向传播释放。请点击“运行”（Ctrl+R）重建它，然后保持勾选“保留计算图”。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="384"/>
        <source>{x} is not reachable from {y}: {y} does not depend on {x} in the graph, so J is all zeros and {y}.backward() gives {x} nothing.</source>
        <translation>从 {y} 到达不了 {x}：在计算图中 {y} 不依赖 {x}，所以 J 全为零，{y}.backward() 不会给 {x} 任何梯度。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="387"/>
        <source>J took longer than {s} s to compute and was stopped.</source>
        <translation>计算 J 超过了 {s} 秒，已停止。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="388"/>
        <source>Computing J was stopped.</source>
        <translation>J 的计算已停止。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="389"/>
        <source>PyTorch could not compute J: {detail}</source>
        <translation>PyTorch 无法计算 J：{detail}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="391"/>
        <source>No Jacobian: {status}.</source>
        <translation>没有雅可比矩阵：{status}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/jacobian_panel.py" line="543"/>
        <source>Jacobian (vᵀJ)</source>
        <translation>雅可比矩阵 (vᵀJ)</translation>
    </message>
</context>
<context>
    <name>KernelDeath</name>
    <message>
        <location filename="../../playground/ui/death_text.py" line="25"/>
        <source>{reason} at line {line}</source>
        <extracomment>Translation context of the sentences. Key -&gt; English template, exactly as :data:`playground.protocol.client.REASONS`.</extracomment>
        <translation>{reason}（第 {line} 行）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="29"/>
        <source>stopped (the Stop button)</source>
        <translation>已停止（“停止”按钮）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="33"/>
        <source>the script crashed the process running it ({signal}); your script and the window are unaffected</source>
        <translation>脚本使运行它的进程崩溃了（{signal}）；你的脚本和窗口都不受影响</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="38"/>
        <source>signal {number}</source>
        <translation>信号 {number}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="42"/>
        <source>the process running the script ended unexpectedly (exit status {code})</source>
        <translation>运行脚本的进程意外结束（退出状态 {code}）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="46"/>
        <source>the kernel sent a malformed message ({error})</source>
        <translation>内核发来的消息格式有误（{error}）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="50"/>
        <source>the script used more than {size} and was stopped</source>
        <translation>脚本使用的内存超过 {size}，已被停止</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="54"/>
        <source>the script ran longer than {seconds} s and was stopped</source>
        <translation>脚本运行超过 {seconds} 秒，已被停止</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="58"/>
        <source>the kernel did not start: {error}</source>
        <translation>内核没有启动：{error}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="62"/>
        <source>unexpected first message {op}</source>
        <translation>意外的第一条消息 {op}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="66"/>
        <source>the kernel took too long to start</source>
        <translation>内核启动时间过长</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="70"/>
        <source>the kernel did not answer: {error}</source>
        <translation>内核没有应答：{error}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="74"/>
        <source>the kernel did not hand over a child</source>
        <translation>内核没有交出子进程</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="78"/>
        <source>the kernel sent a malformed child message</source>
        <translation>内核发来的子进程消息格式有误</translation>
    </message>
    <message>
        <location filename="../../playground/ui/death_text.py" line="82"/>
        <source>nothing is running: click Run (Ctrl+R) first</source>
        <translation>没有正在运行的脚本：请先点击“运行”(Ctrl+R)</translation>
    </message>
</context>
<context>
    <name>LessonFeature</name>
    <message>
        <location filename="../../playground/ui/lesson_panel.py" line="214"/>
        <source>Lesson</source>
        <extracomment>A provider&apos;s signals that mean &quot;what the checks read has changed&quot;. Step ``index`` just ticked.</extracomment>
        <translation>课程</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <location filename="../../playground/ui/lesson_panel.py" line="96"/>
        <source>The lesson&apos;s language (the interface keeps its own)</source>
        <extracomment>The language switch: (lesson language, its name in that language). Delay after the last keystroke before the script is read as a lesson again. Item data role holding a step&apos;s state: ``&quot;done&quot;``, ``&quot;current&quot;`` or ``&quot;todo&quot;``. The learner switched the lesson&apos;s language (``&quot;en&quot;``, ``&quot;zh_CN&quot;``).</extracomment>
        <translation>课程的语言（界面保持自己的语言）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/lesson_panel.py" line="103"/>
        <source>Each step ticks itself when the window&apos;s state gets there</source>
        <translation>窗口状态达到要求时，每一步会自动打勾</translation>
    </message>
    <message>
        <location filename="../../playground/ui/lesson_panel.py" line="164"/>
        <source>Not a lesson</source>
        <translation>不是课程</translation>
    </message>
    <message>
        <location filename="../../playground/ui/lesson_panel.py" line="164"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../playground/ui/lesson_panel.py" line="193"/>
        <source>Steps done: {done}/{total}</source>
        <translation>已完成步骤：{done}/{total}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../playground/ui/main_window.py" line="204"/>
        <source>Tensors</source>
        <extracomment>Bump when the dock layout changes so an old saved state is not restored onto it. Below this width the docks take the compact arrangement (see ``arrange_docks``). Restore and save geometry and dock layout in ``QSettings`` (off for screenshots). The one evented session: the kernel, the live child, what the panels draw. ``&quot;python&quot;`` (typed code, lessons, trusted files) or ``&quot;restricted&quot;``. The script has the grad-mode switch&apos;s ``torch.set_grad_enabled(False)``. A Backward / Zero grad is waiting for the kernel (clicks meanwhile are ignored). The next adopted run belongs to a newly loaded script: drop its &quot;previous&quot; series. The docks were sized for the window (at its first show), or restored. The graph column&apos;s share of the window&apos;s width, kept across window resizes. The window width the docks were last sized for. Which default arrangement the docks are in, and whether it still follows the window&apos;s width (not once a layout was restored or the user moved a dock). Docks added by feature modules (``add_feature_dock``) with where they go. Actions feature modules put in a menu (``add_menu_action``): menu key -&gt; actions. What each feature module&apos;s ``install(window)`` returned, by module name. Feature docks that ``show_console_tab`` never covers (the Lesson in a tab). The lesson whose Backward defaults were applied (see ``_apply_lesson_defaults``).</extracomment>
        <translation>张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="205"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="206"/>
        <source>Autograd graph</source>
        <translation>自动求导计算图</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="207"/>
        <source>Gradient history</source>
        <translation>梯度历史</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="208"/>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="209"/>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="481"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="481"/>
        <source>Start an empty script</source>
        <translation>新建一个空脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="484"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="487"/>
        <source>Open a .py script</source>
        <translation>打开一个 .py 脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="489"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="489"/>
        <source>Save the script</source>
        <translation>保存脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="492"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="495"/>
        <source>Save under a new name</source>
        <translation>以新名称保存</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="497"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="497"/>
        <source>Close the window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="500"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="503"/>
        <source>Undo the last edit (typing or structured)</source>
        <translation>撤销上一次编辑（键入或结构化编辑）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="505"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="505"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="508"/>
        <source>Add &amp;tensor…</source>
        <translation>添加张量(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="511"/>
        <source>Append a tensor creation</source>
        <translation>在末尾添加一个张量创建语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="515"/>
        <source>Add &amp;operation…</source>
        <translation>添加运算(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="518"/>
        <source>Append an operation</source>
        <translation>在末尾添加一个运算</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="522"/>
        <source>Toggle no_grad on this statement</source>
        <translation>切换此语句的 no_grad</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="525"/>
        <source>Wrap/unwrap the statement at the cursor in torch.no_grad()</source>
        <translation>用 torch.no_grad() 包裹/取消包裹光标所在的语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="529"/>
        <location filename="../../playground/ui/main_window.py" line="643"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="532"/>
        <source>Re-run the whole script</source>
        <translation>重新运行整个脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="536"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="539"/>
        <source>Cancel the running script</source>
        <translation>取消正在运行的脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="543"/>
        <source>&amp;Backward</source>
        <translation>反向传播(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="546"/>
        <source>root.backward() on the live tensors</source>
        <translation>在当前张量上执行 root.backward()</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="550"/>
        <source>&amp;Zero grad</source>
        <translation>梯度清零(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="553"/>
        <source>x.grad.zero_() on every leaf</source>
        <translation>对每个叶子张量执行 x.grad.zero_()</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="557"/>
        <source>Zero grad (set to &amp;None)</source>
        <translation>梯度清零（设为 &amp;None）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="560"/>
        <source>x.grad = None on every leaf</source>
        <translation>对每个叶子张量设置 x.grad = None</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="564"/>
        <source>Grad mode off for the whole script (&amp;no_grad)</source>
        <translation>对整个脚本关闭梯度模式(&amp;no_grad)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="568"/>
        <source>Writes torch.set_grad_enabled(False) at the top of the script (or removes it): nothing after it records a graph. Ctrl+Z undoes it</source>
        <translation>在脚本顶部写入 torch.set_grad_enabled(False)（或将其删除）：其后的代码都不再记录计算图。按 Ctrl+Z 可撤销</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="573"/>
        <source>no_grad mode</source>
        <translation>no_grad 模式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="576"/>
        <source>Seed with torch.manual_seed(0) before each run</source>
        <translation>每次运行前调用 torch.manual_seed(0)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="579"/>
        <source>The same random numbers on every live re-run (off: fresh ones each run)</source>
        <translation>每次重新运行都得到相同的随机数（关闭：每次运行都不同）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="586"/>
        <source>&amp;Fit graph</source>
        <translation>适应计算图(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="589"/>
        <source>Fit the graph to its dock</source>
        <translation>缩放计算图以适应其面板</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="593"/>
        <source>&amp;Export graph…</source>
        <translation>导出计算图(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="596"/>
        <source>Save the graph</source>
        <translation>保存计算图</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="600"/>
        <source>&amp;Language reference</source>
        <translation>语言参考(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="603"/>
        <source>What Python mode and restricted mode run, and what to write instead</source>
        <translation>Python 模式和受限模式能运行哪些代码，以及应改用什么写法</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="605"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="605"/>
        <source>About Gradient Playground</source>
        <translation>关于 Gradient Playground</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="616"/>
        <source>&amp;File</source>
        <extracomment>The Zero grad actions&apos; own tooltips, shown again once there is a .grad to zero.</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="619"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="628"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="657"/>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="669"/>
        <source>Open the lesson {name} as a fresh script</source>
        <translation>以新脚本打开课程 {name}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="672"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="692"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="704"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="711"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="759"/>
        <source>Backward not run: {reason}</source>
        <extracomment>The status message that reports the script&apos;s error (cleared when it is fixed).</extracomment>
        <translation>未执行反向传播：{reason}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="810"/>
        <source>Restricted mode: {name} was opened from disk and is not trusted yet, so it runs in the playground&apos;s safe subset of Python.</source>
        <translation>受限模式：{name} 是从磁盘打开的，尚未被信任，因此按 Playground 的 Python 安全子集运行。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="829"/>
        <source>Python mode</source>
        <translation>Python 模式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="829"/>
        <source>Restricted mode</source>
        <translation>受限模式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="833"/>
        <source>the kernel is starting</source>
        <translation>内核正在启动</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="839"/>
        <source>sandbox: off</source>
        <translation>沙箱：关闭</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="840"/>
        <source>sandbox: </source>
        <translation>沙箱：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="841"/>
        <source> (incomplete)</source>
        <translation>（不完整）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="847"/>
        <source>no sandbox: press Run (Ctrl+R) to run</source>
        <translation>没有沙箱：按“运行”(Ctrl+R) 才会运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="862"/>
        <source>Edit not applied: {reason}</source>
        <translation>修改未生效：{reason}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="866"/>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="884"/>
        <source>run cancelled</source>
        <translation>运行已取消</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="886"/>
        <source>Run cancelled; the panels still show the last finished run.</source>
        <translation>运行已取消；各面板仍显示上一次完成的运行。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="891"/>
        <source>internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="893"/>
        <source>Internal error while running the script: {error}</source>
        <translation>运行脚本时发生内部错误：{error}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="906"/>
        <source>stopped: the last good run is shown</source>
        <translation>已停止：显示的是上一次成功的运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="928"/>
        <source>Nothing ran; the panels still show the last good run.</source>
        <translation>什么都没有运行；各面板仍显示上一次成功的运行。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="929"/>
        <source>not run: fix the error</source>
        <translation>未运行：请修正错误</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="944"/>
        <source> · error at line {line}</source>
        <translation> · 第 {line} 行出错</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="946"/>
        <source>ran in {ms} ms</source>
        <translation>运行用时 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="948"/>
        <source>ran {count} statements in {ms} ms</source>
        <translation>运行了 {count} 条语句，用时 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1104"/>
        <source>{call} failed: {kind} (see the Console)</source>
        <translation>{call} 失败：{kind}（见控制台）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1109"/>
        <source>{call} done</source>
        <translation>{call} 完成</translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/main_window.py" line="1127"/>
        <source>Why: the script&apos;s own .backward() on line(s) {lines} ran without retain_graph=True and freed the graph before this click. Add retain_graph=True to that call, or delete it and click Backward instead.</source>
        <translation>
            <numerusform>原因：脚本自己在第 {lines} 行调用的 .backward() 没有使用 retain_graph=True，在这次点击之前就释放了计算图。请给那个调用加上 retain_graph=True，或者删掉它，改为点击“反向传播”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1136"/>
        <source>Why: an earlier backward without &quot;retain graph&quot; freed this graph; ticking it now does not bring the graph back. Click Run (Ctrl+R) to rebuild it, then Backward (keep &quot;retain graph&quot; ticked to click again).</source>
        <translation>原因：之前一次没有勾选“保留计算图”的反向传播已经释放了这个计算图；现在再勾选也无法恢复。请点击“运行”（Ctrl+R）重建计算图，然后点击“反向传播”（保持勾选“保留计算图”即可再次点击）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1154"/>
        <source>Zero grad</source>
        <translation>梯度清零</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1158"/>
        <source>{call} on every leaf that requires grad</source>
        <translation>已对每个需要梯度的叶子张量执行 {call}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1179"/>
        <source>no tensor has a grad_fn to call backward() on</source>
        <translation>没有张量带有 grad_fn，无法调用 backward()</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1193"/>
        <source>Run ×{count}: {done} backward passes</source>
        <translation>运行 ×{count}：{done} 次反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1200"/>
        <source>{done}, then</source>
        <translation>{done}，随后</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1215"/>
        <source>Grad mode not changed: {reason}</source>
        <translation>梯度模式未更改：{reason}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1239"/>
        <source>grad mode: ON</source>
        <translation>梯度模式：开</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1239"/>
        <source>grad mode: no_grad</source>
        <translation>梯度模式：no_grad</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1266"/>
        <source>Export graph</source>
        <translation>导出计算图</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1274"/>
        <source>Language reference</source>
        <translation>语言参考</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1286"/>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1288"/>
        <source>&lt;p&gt;version {version} · PyTorch {torch}&lt;/p&gt;</source>
        <translation>&lt;p&gt;版本 {version} · PyTorch {torch}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1292"/>
        <source>&lt;p&gt;Learn PyTorch autograd by doing: edit the script, click Backward, watch requires_grad, grad_fn and .grad change. Every button is a rewrite of the code.&lt;/p&gt;</source>
        <translation>&lt;p&gt;动手学习 PyTorch 自动求导：编辑脚本，点击“反向传播”，观察 requires_grad、grad_fn 和 .grad 的变化。每个按钮都对应一次代码改写。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1297"/>
        <source>&lt;p&gt;&lt;b&gt;Start here:&lt;/b&gt; open a lesson from the Examples menu (Ctrl+1 … Ctrl+6), click Backward (Ctrl+B) a few times and watch .grad add up; Zero grad (Ctrl+0) resets it. Tick requires_grad in the Tensors panel, or click the circle next to a line to wrap it in torch.no_grad(). Every shortcut is shown next to its menu entry.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;从这里开始：&lt;/b&gt;从“示例”菜单打开一课（Ctrl+1 … Ctrl+6），点击几次“反向传播”（Ctrl+B），观察 .grad 不断累加；“梯度清零”（Ctrl+0）会把它重置。在“张量”面板中勾选 requires_grad，或点击某行旁边的圆圈，把它包进 torch.no_grad()。每个快捷键都显示在对应菜单项旁边。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1309"/>
        <source>Language saved: {language}. It applies at the next start.</source>
        <translation>已保存语言：{language}。下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/main_window.py" line="1319"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>NotebookNotes</name>
    <message>
        <location filename="../../playground/ui/notebook_notes.py" line="18"/>
        <source>cell {cell}, line {line}: dropped the IPython magic {text}</source>
        <extracomment>The notes&apos; sentences, translatable; the same English as ``core.notebook.NOTE_TEMPLATES``.</extracomment>
        <translation>单元格 {cell} 第 {line} 行：已去掉 IPython 魔法命令 {text}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/notebook_notes.py" line="21"/>
        <source>cell {cell}, line {line}: dropped {text}, its statement is kept</source>
        <translation>单元格 {cell} 第 {line} 行：已去掉 {text}，保留其语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/notebook_notes.py" line="24"/>
        <source>cell {cell}, line {line}: dropped the cell magic {text}, the cell&apos;s code is kept</source>
        <translation>单元格 {cell} 第 {line} 行：已去掉单元格魔法命令 {text}，保留单元格的代码</translation>
    </message>
    <message>
        <location filename="../../playground/ui/notebook_notes.py" line="28"/>
        <source>cell {cell}: dropped the whole cell, its {text} magic does not run Python</source>
        <translation>单元格 {cell}：已去掉整个单元格，它的 {text} 魔法命令不运行 Python</translation>
    </message>
    <message>
        <location filename="../../playground/ui/notebook_notes.py" line="31"/>
        <source>cell {cell}, line {line}: dropped the shell command {text}</source>
        <translation>单元格 {cell} 第 {line} 行：已去掉 shell 命令 {text}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/notebook_notes.py" line="34"/>
        <source>cell {cell}, line {line}: dropped the IPython help request {text}</source>
        <translation>单元格 {cell} 第 {line} 行：已去掉 IPython 帮助请求 {text}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/notebook_notes.py" line="37"/>
        <source>cell {cell}, line {line}: dropped the IPython call {text}</source>
        <translation>单元格 {cell} 第 {line} 行：已去掉 IPython 调用 {text}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/notebook_notes.py" line="78"/>
        <source>The notebook&apos;s IPython-only lines were left out ({count}):</source>
        <extracomment>Notes waiting for the next finished run.</extracomment>
        <translation>笔记本中只属于 IPython 的行已被去掉（{count} 行）：</translation>
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
        <location filename="../../playground/ui/plot_panel.py" line="97"/>
        <source>previous run</source>
        <extracomment>Largest N for Run ×N. The symbol of a Run ×N run joined to neither neighbour (Run ×N runs have no symbol). The legend entry of the faded previous-run curves.</extracomment>
        <translation>上一次运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="100"/>
        <source>elements</source>
        <extracomment>The mode picker&apos;s words for :data:`MODES` (the codes stay the modes&apos; names).</extracomment>
        <translation>逐元素</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="101"/>
        <source>norm</source>
        <translation>范数</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="102"/>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="103"/>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="107"/>
        <source>script</source>
        <extracomment>Where a run came from (:meth:`HistoryData.sources`), as the crosshair names it.</extracomment>
        <translation>脚本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="108"/>
        <source>button</source>
        <translation>按钮</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="109"/>
        <source>repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="252"/>
        <source>gradient</source>
        <extracomment>The view of an empty plot (no runs): x and y from 0 to 1, auto-range on. ``optimizer.step()`` markers, on the loss plot. The loss plot&apos;s smallest height (it grows to fit its axis label). The loss plot&apos;s data area never gets shorter than this (pixels). At most this many unit ticks when pyqtgraph offers no whole-number spacing. Seconds the last paint took. &quot;Clear previous&quot; was clicked (the window may tell whoever keeps the faded series). The faded series the user cleared (and its fingerprint): later histories that carry it again (each action brings a fresh history, with the same previous object or a fresh copy of it) show it no more. Seconds the last redraw took, painting included (estimated).</extracomment>
        <translation>梯度</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="254"/>
        <location filename="../../playground/ui/plot_panel.py" line="595"/>
        <location filename="../../playground/ui/plot_panel.py" line="616"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="260"/>
        <source>backward run</source>
        <translation>反向传播次数</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="285"/>
        <location filename="../../playground/ui/plot_panel.py" line="751"/>
        <source>zero</source>
        <translation>清零</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="299"/>
        <source>Tensor:</source>
        <translation>张量：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="303"/>
        <source>Tracked tensor whose curves the picker on the right sets</source>
        <translation>被跟踪的张量，右侧的选择框设置它的曲线</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="312"/>
        <source>Draw every element, or the L2 norm, mean or max of .grad</source>
        <translation>画出每个元素，或 .grad 的 L2 范数、均值或最大值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="318"/>
        <source>Previous run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="321"/>
        <source>Show the last script run&apos;s history, faded</source>
        <translation>以淡色显示上一次脚本运行的历史</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="324"/>
        <source>Clear previous</source>
        <translation>清除上次</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="328"/>
        <source>Export the history as CSV</source>
        <translation>将历史导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="329"/>
        <source>Export the plot as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="330"/>
        <source>Export the plot as SVG</source>
        <translation>将图表导出为 SVG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="347"/>
        <source>How many backward runs Run ×N does</source>
        <translation>“运行 ×N”执行多少次反向传播</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="349"/>
        <source>Run ×N</source>
        <translation>运行 ×N</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="350"/>
        <source>Backward N times with the current settings</source>
        <translation>按当前设置反向传播 N 次</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="353"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="559"/>
        <source>run {run} ({source})</source>
        <translation>第 {run} 次（{source}）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="616"/>
        <source>loss ({root})</source>
        <translation>损失（{root}）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="822"/>
        <source>Export history as CSV</source>
        <translation>将历史导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="828"/>
        <source>Export plot as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="828"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="835"/>
        <source>Export plot as SVG</source>
        <translation>将图表导出为 SVG</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="835"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/plot_panel.py" line="293"/>
        <location filename="../../playground/ui/plot_panel.py" line="756"/>
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
    <name>Refusal</name>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="25"/>
        <source>{refused}. {hint}</source>
        <extracomment>Translation context of the sentences. Key -&gt; English template, exactly as :data:`playground.core.refusal_templates.TEMPLATES`.</extracomment>
        <translation>{refused}。{hint}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="29"/>
        <source>the script is {size:,} bytes, over the playground&apos;s limit of {limit:,} bytes</source>
        <translation>脚本有 {size:,} 字节，超过了 Playground 的上限 {limit:,} 字节</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="33"/>
        <source>the script is nested too deeply to be parsed</source>
        <translation>脚本嵌套太深，无法解析</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="37"/>
        <source>the script cannot be parsed: {error}</source>
        <translation>无法解析脚本：{error}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="41"/>
        <source>the script is nested more than {depth} levels deep</source>
        <translation>脚本的嵌套超过了 {depth} 层</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="45"/>
        <source>{construct} is not available in the playground</source>
        <translation>Playground 中不可用：{construct}</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="49"/>
        <source>&apos;{word}&apos; outside loop</source>
        <translation>&apos;{word}&apos; 不在循环内</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="53"/>
        <source>name &apos;{name}&apos; is not available in the playground</source>
        <translation>名称 &apos;{name}&apos; 在 Playground 中不可用</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="57"/>
        <source>attribute &apos;{attr}&apos; is not available in the playground</source>
        <translation>属性 &apos;{attr}&apos; 在 Playground 中不可用</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="61"/>
        <source>assigning attribute &apos;{attr}&apos; is not available in the playground</source>
        <translation>Playground 中不能给属性 &apos;{attr}&apos; 赋值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="65"/>
        <source>integer literal is too large for the playground</source>
        <translation>整数字面量太大，超出了 Playground 的范围</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="69"/>
        <source>string literal is too long for the playground</source>
        <translation>字符串字面量太长，超出了 Playground 的上限</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="73"/>
        <source>keyword &apos;{name}&apos; is not available in the playground</source>
        <translation>关键字参数 &apos;{name}&apos; 在 Playground 中不可用</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="77"/>
        <source>print&apos;s &apos;file&apos; argument is not available in the playground</source>
        <translation>print 的 &apos;file&apos; 参数在 Playground 中不可用</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="81"/>
        <source>import of module &apos;{module}&apos; is not available in the playground</source>
        <translation>Playground 中不能导入模块 &apos;{module}&apos;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="85"/>
        <source>import of &apos;{name}&apos; from &apos;{module}&apos; is not available in the playground</source>
        <translation>Playground 中不能从 &apos;{module}&apos; 导入 &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="89"/>
        <source>this assignment target is not available in the playground</source>
        <translation>这种赋值目标在 Playground 中不可用</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="93"/>
        <source>&apos;with ... as&apos; needs a plain name in the playground</source>
        <translation>在 Playground 中，&apos;with ... as&apos; 后面必须是一个普通名称</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="97"/>
        <source>function definition (&apos;def&apos;)</source>
        <translation>函数定义（&apos;def&apos;）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="101"/>
        <source>function definition (&apos;async def&apos;)</source>
        <translation>函数定义（&apos;async def&apos;）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="105"/>
        <source>&apos;lambda&apos;</source>
        <translation>&apos;lambda&apos; 表达式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="109"/>
        <source>class definition</source>
        <translation>类定义</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="113"/>
        <source>list comprehension</source>
        <translation>列表推导式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="117"/>
        <source>set comprehension</source>
        <translation>集合推导式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="121"/>
        <source>dict comprehension</source>
        <translation>字典推导式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="125"/>
        <source>generator expression</source>
        <translation>生成器表达式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="129"/>
        <source>&apos;while&apos; loop</source>
        <translation>&apos;while&apos; 循环</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="133"/>
        <source>&apos;global&apos;</source>
        <translation>&apos;global&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="137"/>
        <source>&apos;nonlocal&apos;</source>
        <translation>&apos;nonlocal&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="141"/>
        <source>the walrus operator &apos;:=&apos;</source>
        <translation>海象运算符 &apos;:=&apos;</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="145"/>
        <source>&apos;*&apos; unpacking</source>
        <translation>&apos;*&apos; 解包</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="149"/>
        <source>dict literal</source>
        <translation>字典字面量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="153"/>
        <source>set literal</source>
        <translation>集合字面量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="157"/>
        <location filename="../../playground/ui/refusal_text.py" line="161"/>
        <source>&apos;try&apos;</source>
        <translation>&apos;try&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="165"/>
        <source>&apos;raise&apos;</source>
        <translation>&apos;raise&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="169"/>
        <source>&apos;return&apos;</source>
        <translation>&apos;return&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="173"/>
        <source>&apos;yield&apos;</source>
        <translation>&apos;yield&apos; 表达式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="177"/>
        <source>&apos;yield from&apos;</source>
        <translation>&apos;yield from&apos; 表达式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="181"/>
        <source>&apos;await&apos;</source>
        <translation>&apos;await&apos; 表达式</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="185"/>
        <location filename="../../playground/ui/refusal_text.py" line="209"/>
        <source>&apos;del&apos;</source>
        <translation>&apos;del&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="189"/>
        <source>&apos;assert&apos;</source>
        <translation>&apos;assert&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="193"/>
        <source>annotated assignment</source>
        <translation>带类型注解的赋值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="197"/>
        <source>&apos;match&apos;</source>
        <translation>&apos;match&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="201"/>
        <source>&apos;async with&apos;</source>
        <translation>&apos;async with&apos; 语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="205"/>
        <source>&apos;async for&apos;</source>
        <translation>&apos;async for&apos; 循环</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="213"/>
        <source>bytes literal</source>
        <translation>bytes 字面量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="217"/>
        <source>&apos;**&apos; unpacking</source>
        <translation>&apos;**&apos; 解包</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="221"/>
        <source>{instead}; to run the file as full Python, click &apos;Trust and run as Python&apos; above the editor (or `gradient-playground run FILE` without `--restricted`).</source>
        <translation>{instead}；如要把文件作为完整的 Python 运行，请点击编辑器上方的“信任并以 Python 运行”（或用不带 `--restricted` 的 `gradient-playground run FILE`）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="226"/>
        <source>{instead}.</source>
        <translation>{instead}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="230"/>
        <source>To run the file as full Python, click &apos;Trust and run as Python&apos; above the editor (or `gradient-playground run FILE` without `--restricted`).</source>
        <translation>如要把文件作为完整的 Python 运行，请点击编辑器上方的“信任并以 Python 运行”（或用不带 `--restricted` 的 `gradient-playground run FILE`）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="235"/>
        <source>Write the function&apos;s body inline where you call it</source>
        <translation>把函数体直接写在调用它的地方</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="239"/>
        <source>Write the expression inline where you use it</source>
        <translation>把表达式直接写在使用它的地方</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="243"/>
        <source>Keep the parameters as plain tensors (`w = torch.randn(2, 3, requires_grad=True)`) and use the functions of `F`</source>
        <translation>把参数保留为普通张量（`w = torch.randn(2, 3, requires_grad=True)`），并使用 `F` 中的函数</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="248"/>
        <source>Build the list with a loop: `ys = []`, then `for x in xs: ys.append(x * 2)`</source>
        <translation>用循环构建列表：`ys = []`，然后 `for x in xs: ys.append(x * 2)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="252"/>
        <source>Build a list with a loop (`ys = []`, then `for x in xs: ys.append(x * 2)`) and pass it, e.g. `sum(ys)`</source>
        <translation>用循环构建一个列表（`ys = []`，然后 `for x in xs: ys.append(x * 2)`）再传入，例如 `sum(ys)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="257"/>
        <source>Build a list with a loop and `.append`</source>
        <translation>用循环和 `.append` 构建列表</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="261"/>
        <source>Build a list with a loop and `.append`, or use separate variables</source>
        <translation>用循环和 `.append` 构建列表，或使用几个单独的变量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="265"/>
        <source>Loop with `for i in range(n):` and leave it with `break`</source>
        <translation>用 `for i in range(n):` 循环，并用 `break` 跳出</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="269"/>
        <source>Assign the variable directly: `x = ...` (every name of a script is global)</source>
        <translation>直接给变量赋值：`x = ...`（脚本中的所有名称都是全局的）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="273"/>
        <source>Assign the value on its own line first (`y = ...`), then use `y`</source>
        <translation>先在单独一行赋值（`y = ...`），再使用 `y`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="277"/>
        <source>Write the items one by one (`f(xs[0], xs[1])`) or join lists with `+` (`a + b`)</source>
        <translation>逐个写出各项（`f(xs[0], xs[1])`），或用 `+` 连接列表（`a + b`）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="281"/>
        <source>Use a list or tuple, or one variable per entry</source>
        <translation>改用列表或元组，或每项用一个变量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="285"/>
        <source>Use a list or tuple (`x in [1, 2]`)</source>
        <translation>改用列表或元组（`x in [1, 2]`）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="289"/>
        <source>Remove the `try`: the run stops at the failing line and shows PyTorch&apos;s error</source>
        <translation>去掉 `try`：运行会停在出错的那一行，并显示 PyTorch 的错误</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="293"/>
        <source>Report the problem with `print(...)` (an error stops the run anyway)</source>
        <translation>用 `print(...)` 报告问题（出错时运行本来就会停止）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="297"/>
        <source>Keep the value in a variable: `result = ...`</source>
        <translation>把值保存在变量中：`result = ...`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="301"/>
        <source>Collect the values in a list with `.append`</source>
        <translation>用 `.append` 把这些值收集到列表中</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="305"/>
        <source>Call it without `await`</source>
        <translation>去掉 `await`，直接调用</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="309"/>
        <source>Assign `x = None` instead (`xs.pop(i)` removes a list item)</source>
        <translation>改为赋值 `x = None`（`xs.pop(i)` 可以删除列表中的一项）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="313"/>
        <source>Print the condition instead: `print(torch.allclose(a, b))`</source>
        <translation>改为打印条件：`print(torch.allclose(a, b))`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="317"/>
        <source>Drop the annotation: `x = 1` instead of `x: int = 1`</source>
        <translation>去掉类型注解：写 `x = 1`，而不是 `x: int = 1`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="321"/>
        <source>Use `if` / `elif` / `else`</source>
        <translation>改用 `if` / `elif` / `else`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="325"/>
        <source>Use a plain `with`</source>
        <translation>改用普通的 `with`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="329"/>
        <source>Use a plain `for`</source>
        <translation>改用普通的 `for`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="333"/>
        <source>Use `{word}` only inside a `for` loop</source>
        <translation>只在 `for` 循环内使用 `{word}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="337"/>
        <source>Split the expression into several statements with intermediate variables</source>
        <translation>用中间变量把表达式拆成几条语句</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="341"/>
        <source>Save the script as plain UTF-8 Python text</source>
        <translation>把脚本保存为纯 UTF-8 编码的 Python 文本</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="345"/>
        <source>Use a str literal (`&apos;abc&apos;`)</source>
        <translation>改用 str 字面量（`&apos;abc&apos;`）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="349"/>
        <source>Use a float (`1e30`) or a smaller number</source>
        <translation>改用浮点数（`1e30`）或更小的数</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="353"/>
        <source>Pass the keywords one by one: `f(a=1, b=2)`</source>
        <translation>逐个传入关键字参数：`f(a=1, b=2)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="357"/>
        <source>Pass the function&apos;s documented keywords (they never start with &apos;_&apos;)</source>
        <translation>只传入函数文档中列出的关键字参数（它们从不以 &apos;_&apos; 开头）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="361"/>
        <source>Drop `file=`: `print(x)` writes to the output</source>
        <translation>去掉 `file=`：`print(x)` 会写到输出中</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="365"/>
        <source>Write `with ... as name:` with one plain name and unpack inside the block</source>
        <translation>写成 `with ... as name:`，只用一个普通名称，并在代码块内解包</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="369"/>
        <source>Shorten the script to at most {limit:,} bytes</source>
        <translation>把脚本缩短到最多 {limit:,} 字节</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="373"/>
        <source>Shorten it to at most {limit:,} characters</source>
        <translation>把它缩短到最多 {limit:,} 个字符</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="377"/>
        <source>Index instead of unpacking: `first, rest = xs[0], xs[1:]`</source>
        <translation>用索引代替解包：`first, rest = xs[0], xs[1:]`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="381"/>
        <source>Loop over a plain name and assign inside: `for v in values:` then `x[0] = v`</source>
        <translation>遍历一个普通名称，在循环体内赋值：`for v in values:`，然后 `x[0] = v`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="385"/>
        <source>Assign to names, subscripts or `.data` / `.grad` / `.requires_grad`</source>
        <translation>只给名称、下标或 `.data` / `.grad` / `.requires_grad` 赋值</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="389"/>
        <source>Write the attribute directly: `x.grad`</source>
        <translation>直接写出属性：`x.grad`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="393"/>
        <source>Assign the attribute directly: `x.grad = None`</source>
        <translation>直接给属性赋值：`x.grad = None`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="397"/>
        <source>Write the expression directly in the script</source>
        <translation>把表达式直接写在脚本中</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="401"/>
        <source>Write the code directly in the script</source>
        <translation>把代码直接写在脚本中</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="405"/>
        <source>Write the data in the script (`x = torch.tensor([1.0, 2.0])`) and `print` results</source>
        <translation>把数据写在脚本中（`x = torch.tensor([1.0, 2.0])`），并用 `print` 输出结果</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="409"/>
        <source>Write the value in the script (`n = 3`)</source>
        <translation>把值写在脚本中（`n = 3`）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="413"/>
        <source>Use `x.dtype` or `x.type()` for a tensor</source>
        <translation>对张量使用 `x.dtype` 或 `x.type()`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="417"/>
        <source>Use `torch.is_tensor(x)` or `x.is_floating_point()`</source>
        <translation>改用 `torch.is_tensor(x)` 或 `x.is_floating_point()`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="421"/>
        <source>Print the variables you need by name: `print(x)`</source>
        <translation>按名称打印需要的变量：`print(x)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="425"/>
        <source>See Help &gt; Language reference for the names a restricted script may use</source>
        <translation>查看“帮助 &gt; 语言参考”，了解受限脚本可以使用哪些名称</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="429"/>
        <source>Print the values you want to inspect: `print(x)`</source>
        <translation>打印想查看的值：`print(x)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="433"/>
        <source>Remove it: the run ends after the last line (skip code with `if`)</source>
        <translation>删掉它：运行到最后一行就会结束（用 `if` 跳过代码）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="437"/>
        <source>Use an f-string: `{code}`</source>
        <translation>改用 f-string：`{code}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="441"/>
        <source>Use `**` (`x ** 2`) or `torch.pow(x, 2)`</source>
        <translation>改用 `**`（`x ** 2`）或 `torch.pow(x, 2)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="445"/>
        <source>Use a list or tuple</source>
        <translation>改用列表或元组</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="449"/>
        <source>Use a tuple</source>
        <translation>改用元组</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="453"/>
        <source>Loop and collect: `ys = []`, then `for x in xs: ys.append(f(x))`</source>
        <translation>用循环收集：`ys = []`，然后 `for x in xs: ys.append(f(x))`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="457"/>
        <source>Loop and collect: `for x in xs:` then `if x &gt; 0: ys.append(x)`</source>
        <translation>用循环收集：`for x in xs:`，然后 `if x &gt; 0: ys.append(x)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="461"/>
        <source>Slice backwards: `xs[::-1]` for a list or tuple</source>
        <translation>反向切片：对列表或元组用 `xs[::-1]`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="465"/>
        <source>Use `x.all()` on a tensor, or `a and b`</source>
        <translation>对张量用 `x.all()`，或写 `a and b`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="469"/>
        <source>Use `x.any()` on a tensor, or `a or b`</source>
        <translation>对张量用 `x.any()`，或写 `a or b`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="473"/>
        <source>Write `{code}`</source>
        <translation>改写为 `{code}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="477"/>
        <source>Compare with `is` / `is not`</source>
        <translation>用 `is` / `is not` 比较</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="481"/>
        <source>Loop with `for`</source>
        <translation>用 `for` 循环</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="485"/>
        <source>Loop with `for` and `break`, or index: `xs[0]`</source>
        <translation>用 `for` 循环加 `break`，或用索引：`xs[0]`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="489"/>
        <source>Slice directly: `xs[1:3]`</source>
        <translation>直接切片：`xs[1:3]`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="493"/>
        <source>Write a complex literal: `1 + 2j`</source>
        <translation>写复数字面量：`1 + 2j`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="497"/>
        <source>Use `{code}`</source>
        <translation>改用 `{code}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="501"/>
        <source>Rename it without the leading underscore: `{plain}`</source>
        <translation>改用不带前导下划线的名称：`{plain}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="505"/>
        <source>Choose a name without the leading underscore: `{plain}`</source>
        <translation>选一个不带前导下划线的名称：`{plain}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="509"/>
        <source>Update the parameters by hand: `with torch.no_grad(): w -= lr * w.grad`, then `w.grad.zero_()`</source>
        <translation>手动更新参数：`with torch.no_grad(): w -= lr * w.grad`，然后 `w.grad.zero_()`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="514"/>
        <source>Clear each gradient by hand: `w.grad.zero_()` or `w.grad = None`</source>
        <translation>手动清零每个梯度：`w.grad.zero_()` 或 `w.grad = None`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="518"/>
        <source>List your tensors yourself: `params = [w, b]`</source>
        <translation>自己列出张量：`params = [w, b]`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="522"/>
        <source>Change `lr` yourself in the loop: `lr = lr * 0.9`</source>
        <translation>在循环中自己修改 `lr`：`lr = lr * 0.9`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="526"/>
        <source>Use `F.linear(x, w, b)` with `w = torch.randn(out_features, in_features, requires_grad=True)`</source>
        <translation>改用 `F.linear(x, w, b)`，其中 `w = torch.randn(out_features, in_features, requires_grad=True)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="531"/>
        <source>Use plain tensors with `requires_grad=True` (`w = torch.randn(2, 3, requires_grad=True)`) and the functions of `F`</source>
        <translation>使用 `requires_grad=True` 的普通张量（`w = torch.randn(2, 3, requires_grad=True)`）和 `F` 中的函数</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="536"/>
        <source>Use a tensor with `requires_grad=True`</source>
        <translation>改用 `requires_grad=True` 的张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="540"/>
        <source>Make the tensor directly: `(torch.randn(3, 4) * 0.1).requires_grad_()`</source>
        <translation>直接创建张量：`(torch.randn(3, 4) * 0.1).requires_grad_()`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="544"/>
        <source>Make tensors with `torch.tensor([1.0, 2.0])` (lower case)</source>
        <translation>用 `torch.tensor([1.0, 2.0])`（小写）创建张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="548"/>
        <source>Make tensors with `torch.tensor([1.0, 2.0])`</source>
        <translation>用 `torch.tensor([1.0, 2.0])` 创建张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="552"/>
        <source>Use `.tolist()` or `.item()`</source>
        <translation>改用 `.tolist()` 或 `.item()`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="556"/>
        <source>Call `y.retain_grad()` before `backward()` and read `y.grad` after it</source>
        <translation>在 `backward()` 之前调用 `y.retain_grad()`，之后读取 `y.grad`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="560"/>
        <source>Write the values in the script (`torch.tensor([...])`) and `print` results</source>
        <translation>把数值写在脚本中（`torch.tensor([...])`），并用 `print` 输出结果</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="564"/>
        <source>Use an f-string or `+`: `{code}`</source>
        <translation>改用 f-string 或 `+`：`{code}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="568"/>
        <source>Write the number: `{number}`</source>
        <translation>直接写出数值：`{number}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="572"/>
        <source>Drop it: restricted mode runs on the CPU</source>
        <translation>删掉它：受限模式在 CPU 上运行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="576"/>
        <source>Use `torch.{factory}(..., dtype=x.dtype)`</source>
        <translation>改用 `torch.{factory}(..., dtype=x.dtype)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="580"/>
        <source>Concatenate with `+=`: `xs += ys`</source>
        <translation>用 `+=` 连接：`xs += ys`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="584"/>
        <source>Call `{code}`</source>
        <translation>改为调用 `{code}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="588"/>
        <source>Index: `x[i]`</source>
        <translation>改用索引：`x[i]`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="592"/>
        <source>Use the operator: `{code}`</source>
        <translation>改用运算符：`{code}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="596"/>
        <source>Call `F.{function}(...)` instead of the layer object</source>
        <translation>调用 `F.{function}(...)`，而不是使用层对象</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="600"/>
        <source>Keep the value in a variable of its own: `{plain} = ...`</source>
        <translation>把值保存在单独的变量中：`{plain} = ...`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="604"/>
        <source>Only `.data`, `.grad` and `.requires_grad` can be assigned; make a new tensor instead: `{code}`</source>
        <translation>只有 `.data`、`.grad` 和 `.requires_grad` 可以赋值；请改为创建新张量：`{code}`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="609"/>
        <source>Only `.data`, `.grad` and `.requires_grad` can be assigned; keep the value in a variable of its own</source>
        <translation>只有 `.data`、`.grad` 和 `.requires_grad` 可以赋值；请把值保存在单独的变量中</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="614"/>
        <source>Write `import torch.nn.functional as F` and use `F.relu`, `F.linear`, `F.mse_loss`</source>
        <translation>写 `import torch.nn.functional as F`，并使用 `F.relu`、`F.linear`、`F.mse_loss`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="618"/>
        <source>Use the functions of `torch` (`torch.exp(x)`, `torch.sqrt(x)`) and write constants as numbers (`3.141592653589793`)</source>
        <translation>改用 `torch` 中的函数（`torch.exp(x)`、`torch.sqrt(x)`），常数直接写成数值（`3.141592653589793`）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="623"/>
        <source>Build tensors with `torch.tensor([...])`, `torch.arange`, `torch.linspace`</source>
        <translation>用 `torch.tensor([...])`、`torch.arange`、`torch.linspace` 构建张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="627"/>
        <source>Use `torch.rand`, `torch.randn` or `torch.randint`</source>
        <translation>改用 `torch.rand`、`torch.randn` 或 `torch.randint`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="631"/>
        <source>Use `x.clone()` for a tensor, `list(xs)` for a list</source>
        <translation>对张量用 `x.clone()`，对列表用 `list(xs)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="635"/>
        <source>Remove the `from __future__ import` line</source>
        <translation>删掉 `from __future__ import` 这一行</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="639"/>
        <source>Remove the import and the annotations (`x = 1`, not `x: int = 1`)</source>
        <translation>删掉这个导入和类型注解（写 `x = 1`，而不是 `x: int = 1`）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="643"/>
        <source>Call it as a tensor method: `x.{attr}(...)`</source>
        <translation>改为以张量方法调用：`x.{attr}(...)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="647"/>
        <source>Use `F.{attr}(...)` (`import torch.nn.functional as F`)</source>
        <translation>改用 `F.{attr}(...)`（`import torch.nn.functional as F`）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="651"/>
        <source>Use `torch.{attr}(...)`</source>
        <translation>改用 `torch.{attr}(...)`</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="655"/>
        <source>Write the width into the format (`&apos;%5d&apos; % n`) or use an f-string (`{code}`)</source>
        <translation>把宽度直接写进格式（`&apos;%5d&apos; % n`），或改用 f-string（`{code}`）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/refusal_text.py" line="659"/>
        <source>Find the smallest or largest item with a `for` loop</source>
        <translation>用 `for` 循环找出最小或最大的项</translation>
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
    <name>TensorTableModel</name>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="288"/>
        <source>{name} is not a leaf: backward does not store its .grad (call {name}.retain_grad() before backward to keep it)</source>
        <extracomment>Widest the value and .grad columns get when fitted to their contents. Narrowest the value column is squeezed to, to keep .grad in view. Elements shown in the compact value/.grad cells. Longest tooltip text (PyTorch&apos;s repr already summarizes tensors over 1000 elements; the kernel cuts it to this length too). A structured edit of the script (``list[TextEdit]``) requested by a checkbox. A checkbox could not be turned into code (the message says why). Returns the script the edits are computed on (default: the run&apos;s source).</extracomment>
        <translation>{name} 不是叶子张量：反向传播不会保存它的 .grad（在 backward 之前调用 {name}.retain_grad() 可保留它）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="295"/>
        <source>{name} is {dtype}: only floating point tensors can require grad</source>
        <translation>{name} 是 {dtype}：只有浮点张量才能需要梯度</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="298"/>
        <source>Ticking rewrites the code: the requires_grad= argument of the call that created {name}, or a {name}.requires_grad_(...) line after its assignment</source>
        <translation>勾选会改写代码：修改创建 {name} 的调用中的 requires_grad= 参数，或在它的赋值之后加一行 {name}.requires_grad_(...)</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="302"/>
        <source>the backward node that created it; None for leaves and no_grad results</source>
        <translation>创建它的反向节点；叶子张量和 no_grad 下的结果为 None</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="343"/>
        <source>variable name in the script</source>
        <translation>脚本中的变量名</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="346"/>
        <source>tensor.requires_grad: tick to change it in the code</source>
        <translation>tensor.requires_grad：勾选即可在代码中修改</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="347"/>
        <source>tensor.is_leaf: created by you, not by an operation that autograd recorded</source>
        <translation>tensor.is_leaf：由你创建，而不是由自动求导记录的运算得到</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="351"/>
        <source>tensor.grad_fn: the backward node that made it</source>
        <translation>tensor.grad_fn：产生它的反向节点</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="352"/>
        <source>the value (full value in the tooltip and the inspector)</source>
        <translation>值（完整的值见提示和检查器）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="355"/>
        <source>tensor.grad: filled by backward() for leaves that require grad; it accumulates</source>
        <translation>tensor.grad：由 backward() 为需要梯度的叶子张量填写；会累加</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="362"/>
        <source>name</source>
        <extracomment>Header words that are not attribute names: shown in the interface&apos;s language.</extracomment>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../playground/ui/tensor_table.py" line="363"/>
        <source>value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="59"/>
        <source>Forward:</source>
        <extracomment>The position shown changed: a statement&apos;s 1-based index, or ``None`` (live). The run (``RunView``) the timeline belongs to.</extracomment>
        <translation>前向：</translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="60"/>
        <source>The graph and the tensors after each top-level statement</source>
        <translation>每条顶层语句执行后的计算图和张量</translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="65"/>
        <source>Drag to see the graph and the tensors after each statement; the end is live</source>
        <translation>拖动可查看每条语句执行后的计算图和张量；最右端是当前状态</translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="111"/>
        <source>recording the forward timeline…</source>
        <translation>正在记录前向时间线…</translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="121"/>
        <source>no forward timeline: the kernel did not answer</source>
        <translation>没有前向时间线：内核没有应答</translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="126"/>
        <source>no forward timeline: the kernel&apos;s answer was malformed</source>
        <translation>没有前向时间线：内核的应答格式有误</translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="184"/>
        <source>The forward timeline is for Python mode (the run was restricted).</source>
        <translation>前向时间线只用于 Python 模式（这次运行是受限模式）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/timeline_bar.py" line="187"/>
        <source>live: the state now, after %n statement(s)</source>
        <translation>
            <numerusform>当前：%n 条语句执行后的状态</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="190"/>
        <source>after line {line}: {code}</source>
        <translation>第 {line} 行之后：{code}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../playground/ui/timeline_bar.py" line="191"/>
        <source>{index} of %n statement(s)</source>
        <translation>
            <numerusform>第 {index} 条，共 %n 条语句</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="194"/>
        <source> (it raised: the run ended there)</source>
        <translation>（它抛出了异常：运行在此结束）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/timeline_bar.py" line="203"/>
        <source>the timeline stops after statement {shown} of {ran}</source>
        <translation>时间线在 {ran} 条语句中的第 {shown} 条之后停止</translation>
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
<context>
    <name>WhyNone</name>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="24"/>
        <source> and </source>
        <extracomment>Translation context of the sentences. Key -&gt; English template, exactly as :data:`playground.kernel.why_none.TEMPLATES`.</extracomment>
        <translation> 和 </translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="28"/>
        <source>the backward call</source>
        <translation>那次 backward 调用</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="32"/>
        <source>the output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="36"/>
        <source> by zero_grad()</source>
        <translation>（通过 zero_grad()）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="40"/>
        <source> by {code}</source>
        <translation>（通过 {code}）</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="44"/>
        <source>{out} does depend on {name}, so torch.autograd.grad returns a gradient for it (it is not None).</source>
        <translation>{out} 确实依赖于 {name}，所以 torch.autograd.grad 会为它返回梯度（不是 None）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="49"/>
        <source>torch.autograd.grad returned None for {name} because {out} does not depend on it and allow_unused=True asks for None instead of an error. Fix: use {name} in the computation of {out}, or pass materialize_grads=True to get zeros.</source>
        <translation>torch.autograd.grad 为 {name} 返回了 None，因为 {out} 不依赖于它，而 allow_unused=True 要求此时返回 None 而不是报错。修正：在计算 {out} 时用上 {name}，或传入 materialize_grads=True 得到全零梯度。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="55"/>
        <source>{name}.grad is all zeros because it was zeroed{how} at line {line} (after the backward). Fix: read {name}.grad before zeroing it, or zero the gradients before {call} instead.</source>
        <translation>{name}.grad 全为零，因为它在第 {line} 行被清零了{how}（在反向传播之后）。修正：先读取 {name}.grad 再清零，或者改为在 {call} 之前清零梯度。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="61"/>
        <source>{name} has a gradient, and it is all zeros: the backward reached it, but {out} does not change when {name} changes here (e.g. a relu or a max that ignores it).</source>
        <translation>{name} 有梯度，但全为零：反向传播到达了它，但在这里 {name} 变化时 {out} 并不变化（例如 relu 或 max 忽略了它）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="67"/>
        <source>{name} has a gradient: {name}.grad is not None.</source>
        <translation>{name} 有梯度：{name}.grad 不是 None。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="71"/>
        <source>{name} does not require grad: it was made inside torch.no_grad() at line {line}, so autograd does not track it. Fix: compute {name} outside no_grad and without .detach()/.data, or read .grad of the leaf it came from.</source>
        <translation>{name} 不需要梯度：它是在第 {line} 行的 torch.no_grad() 中生成的，所以自动求导不跟踪它。修正：在 no_grad 之外、不用 .detach()/.data 计算 {name}，或者读取它所来自的叶子张量的 .grad。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="77"/>
        <source>{name} does not require grad: it was made by .detach() at line {line}, so autograd does not track it. Fix: compute {name} outside no_grad and without .detach()/.data, or read .grad of the leaf it came from.</source>
        <translation>{name} 不需要梯度：它是在第 {line} 行由 .detach() 生成的，所以自动求导不跟踪它。修正：在 no_grad 之外、不用 .detach()/.data 计算 {name}，或者读取它所来自的叶子张量的 .grad。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="83"/>
        <source>{name} does not require grad: it was made from .data at line {line}, so autograd does not track it. Fix: compute {name} outside no_grad and without .detach()/.data, or read .grad of the leaf it came from.</source>
        <translation>{name} 不需要梯度：它是在第 {line} 行从 .data 得到的，所以自动求导不跟踪它。修正：在 no_grad 之外、不用 .detach()/.data 计算 {name}，或者读取它所来自的叶子张量的 .grad。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="89"/>
        <source>{name} does not require grad, so backward never computes a gradient for it. Fix: create it with requires_grad=True (e.g. torch.ones(2, requires_grad=True)) or call {name}.requires_grad_() before using it.</source>
        <translation>{name} 不需要梯度，所以反向传播从不为它计算梯度。修正：创建时加上 requires_grad=True（例如 torch.ones(2, requires_grad=True)），或在使用前调用 {name}.requires_grad_()。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="95"/>
        <source>{name} is not a leaf: PyTorch keeps .grad only for leaves, to save memory. Fix: call {name}.retain_grad() right after computing it, before {call}.</source>
        <translation>{name} 不是叶子张量：为节省内存，PyTorch 只为叶子张量保留 .grad。修正：在计算出它之后、{call} 之前，立即调用 {name}.retain_grad()。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="100"/>
        <source>{name} is not a leaf (computed at line {line}): PyTorch keeps .grad only for leaves, to save memory. Fix: call {name}.retain_grad() right after computing it, before {call}.</source>
        <translation>{name} 不是叶子张量（在第 {line} 行计算得到）：为节省内存，PyTorch 只为叶子张量保留 .grad。修正：在计算出它之后、{call} 之前，立即调用 {name}.retain_grad()。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="106"/>
        <source>No backward has run, so {name}.grad is still None. Fix: call .backward() on a scalar computed from {name} (e.g. loss.backward()).</source>
        <translation>还没有运行过反向传播，所以 {name}.grad 仍是 None。修正：对由 {name} 计算得到的标量调用 .backward()（例如 loss.backward()）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="111"/>
        <source>{name}&apos;s path to {out} is cut at line {line}: it was used inside torch.no_grad(), so the result does not depend on {name} for autograd and backward never reaches it. Fix: compute that step outside the with torch.no_grad(): block.</source>
        <translation>{name} 到 {out} 的路径在第 {line} 行被切断：它在 torch.no_grad() 中被使用，因此对自动求导而言结果不依赖于 {name}，反向传播永远到不了它。修正：把那一步移到 with torch.no_grad(): 块之外计算。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="118"/>
        <source>{name}&apos;s path to {out} is cut at line {line}: it was detached ({name}.detach()), so the result does not depend on {name} for autograd and backward never reaches it. Fix: use {name} itself instead of {name}.detach().</source>
        <translation>{name} 到 {out} 的路径在第 {line} 行被切断：它被 detach 了（{name}.detach()），因此对自动求导而言结果不依赖于 {name}，反向传播永远到不了它。修正：直接使用 {name}，而不是 {name}.detach()。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="124"/>
        <source>{name}&apos;s path to {out} is cut at line {line}: it was used through {name}.data, so the result does not depend on {name} for autograd and backward never reaches it. Fix: use {name} itself instead of {name}.data.</source>
        <translation>{name} 到 {out} 的路径在第 {line} 行被切断：它是通过 {name}.data 被使用的，因此对自动求导而言结果不依赖于 {name}，反向传播永远到不了它。修正：直接使用 {name}，而不是 {name}.data。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="130"/>
        <source>{name}&apos;s path to {out} is cut: {twin} shares {name}&apos;s data but is off the graph (made by .detach() or .data), so backward never reaches {name}. Fix: use {name} itself instead of {twin} in the computation of {out}.</source>
        <translation>{name} 到 {out} 的路径被切断了：{twin} 与 {name} 共享数据，但不在计算图上（由 .detach() 或 .data 得到），所以反向传播永远到不了 {name}。修正：计算 {out} 时直接使用 {name}，而不是 {twin}。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="136"/>
        <source>{out} does not depend on {name}: backward from {out} never reaches it, so {name}.grad stays None. Fix: use {name} in the computation of {out} (without torch.no_grad(), .detach() or .data on the way).</source>
        <translation>{out} 不依赖于 {name}：从 {out} 开始的反向传播永远到不了它，所以 {name}.grad 仍是 None。修正：在计算 {out} 时用上 {name}（途中不要用 torch.no_grad()、.detach() 或 .data）。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="142"/>
        <source>{name}.grad is None: it was zeroed{how} at line {line}, after {call} (x.grad = None, or zero_grad(), which sets gradients to None since PyTorch 2.0). Fix: read {name}.grad before zeroing, or zero the gradients before {call} instead.</source>
        <translation>{name}.grad 是 None：它在 {call} 之后的第 {line} 行被清零了{how}（x.grad = None，或 zero_grad()——自 PyTorch 2.0 起它把梯度设为 None）。修正：先读取 {name}.grad 再清零，或者改为在 {call} 之前清零梯度。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="148"/>
        <source>backward from {out} reaches {name} but {name}.grad is None: the backward did not finish or its gradient was cleared. Fix: run {call} again and read {name}.grad right after it.</source>
        <translation>从 {out} 开始的反向传播能到达 {name}，但 {name}.grad 是 None：反向传播没有完成，或它的梯度被清除了。修正：再次运行 {call}，并在之后立即读取 {name}.grad。</translation>
    </message>
    <message>
        <location filename="../../playground/ui/why_none_text.py" line="154"/>
        <source>(no explanation: {error})</source>
        <translation>（无法解释：{error}）</translation>
    </message>
</context>
</TS>
