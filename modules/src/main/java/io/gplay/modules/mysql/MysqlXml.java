package io.gplay.modules.mysql;

import io.gplay.engine.module.ModuleFailure;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the client's {@code --xml} output: one XML document per result set, one after the other. XML rather than
 * the tab-separated batch output because it tells NULL ({@code xsi:nil}) from the text 'NULL', and keeps each
 * statement's result set apart even when it has no row.
 */
final class MysqlXml {
    private static final String HEAD = "<?xml version=\"1.0\"?>";

    private MysqlXml() {
    }

    static List<ResultSet> parse(String out) {
        List<ResultSet> sets = new ArrayList<>();
        for (String doc : out.split(java.util.regex.Pattern.quote(HEAD))) {
            if (!doc.isBlank()) {
                sets.add(resultSet(doc));
            }
        }
        return sets;
    }

    private static ResultSet resultSet(String doc) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            root = b.parse(new InputSource(new StringReader(doc))).getDocumentElement();
        } catch (Exception e) {
            throw new ModuleFailure("cannot read the mysql client's XML output (" + e.getMessage() + "): " + doc.strip());
        }
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        NodeList rowNodes = root.getElementsByTagName("row");
        for (int i = 0; i < rowNodes.getLength(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            NodeList fields = ((Element) rowNodes.item(i)).getElementsByTagName("field");
            for (int j = 0; j < fields.getLength(); j++) {
                Element field = (Element) fields.item(j);
                String name = field.getAttribute("name");
                boolean nil = "true".equals(field.getAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil"));
                row.put(name, nil ? null : field.getTextContent());
                if (i == 0) {
                    columns.add(name);
                }
            }
            rows.add(row);
        }
        return new ResultSet(root.getAttribute("statement"), columns, rows);
    }
}
