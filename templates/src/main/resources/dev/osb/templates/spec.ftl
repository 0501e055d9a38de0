<#--
  A catalyst spec (catalyst.md section 2). Prints SpecLine views; every decision (one line or
  block, '%' doubled on key lines, blank lines, order) is made in Java. Model:
    lines  List<SpecLine>  key, block, keyLine, items, blankBefore
    build  Build           the build this spec is for
    plan   Plan
  The output is re-parsed with catalyst's parser and must give exactly the plan's keys.
-->
<#list lines as l>
<#if l.blankBefore>

</#if>
${l.keyLine}
<#if l.block>
<#list l.items as item>
	${item}
</#list>
</#if>
</#list>
