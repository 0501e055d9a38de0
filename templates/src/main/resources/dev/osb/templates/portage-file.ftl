<#--
  One generated file of a portage_confdir tree: its lines, one per line. Model:
    lines  List<String>   complete lines (the first is OSB's header comment)
    file   PortageFile    path, buildOnly
    build  Build
    plan   Plan
  Files from the project (portage.files, kernel configs) are copied, not templated.
-->
<#list lines as line>
${line}
</#list>
