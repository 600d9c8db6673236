<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection
     gml:id="aFeatureCollection"
     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
     xsi:schemaLocation="http://ogr.maptools.org/ plan.xsd"
     xmlns:ogr="http://ogr.maptools.org/"
     xmlns:gml="http://www.opengis.net/gml/3.2">
  <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006"><gml:lowerCorner>6571500 512400</gml:lowerCorner><gml:upperCorner>6571700 512800</gml:upperCorner></gml:Envelope></gml:boundedBy>
                                                                                                                                                        
  <ogr:featureMember>
    <ogr:plan gml:id="plan.0">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006"><gml:lowerCorner>6571500 512400</gml:lowerCorner><gml:upperCorner>6571700 512500</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006" gml:id="plan.geom.0"><gml:exterior><gml:LinearRing><gml:posList>6571500 512400 6571500 512500 6571700 512500 6571700 512400 6571500 512400</gml:posList></gml:LinearRing></gml:exterior><gml:interior><gml:LinearRing><gml:posList>6571575 512425 6571625 512425 6571625 512475 6571575 512475 6571575 512425</gml:posList></gml:LinearRing></gml:interior></gml:Polygon></ogr:geometryProperty>
      <ogr:namn>Område B</ogr:namn>
      <ogr:anvandning>B</ogr:anvandning>
    </ogr:plan>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:plan gml:id="plan.1">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006"><gml:lowerCorner>6571620 512500</gml:lowerCorner><gml:upperCorner>6571700 512600</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006" gml:id="plan.geom.1"><gml:exterior><gml:LinearRing><gml:posList>6571620 512500 6571620 512600 6571700 512600 6571700 512500 6571620 512500</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
      <ogr:namn>Område C</ogr:namn>
      <ogr:anvandning>C</ogr:anvandning>
    </ogr:plan>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:plan gml:id="plan.2">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006"><gml:lowerCorner>6571600 512500</gml:lowerCorner><gml:upperCorner>6571620 512600</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006" gml:id="plan.geom.2"><gml:exterior><gml:LinearRing><gml:posList>6571600 512500 6571600 512600 6571620 512600 6571620 512500 6571600 512500</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
      <ogr:namn>Område GATA</ogr:namn>
      <ogr:anvandning>GATA</ogr:anvandning>
    </ogr:plan>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:plan gml:id="plan.3">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006"><gml:lowerCorner>6571500 512500</gml:lowerCorner><gml:upperCorner>6571600 512600</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006" gml:id="plan.geom.3"><gml:exterior><gml:LinearRing><gml:posList>6571500 512500 6571500 512600 6571600 512600 6571600 512500 6571500 512500</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
      <ogr:namn>Område J</ogr:namn>
      <ogr:anvandning>J</ogr:anvandning>
    </ogr:plan>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:plan gml:id="plan.4">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::3006"><gml:lowerCorner>6571500 512700</gml:lowerCorner><gml:upperCorner>6571600 512800</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::3006" gml:id="plan.geom.4"><gml:exterior><gml:LinearRing><gml:posList>6571500 512700 6571500 512800 6571600 512800 6571600 512700 6571500 512700</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
      <ogr:namn>Område PARK</ogr:namn>
      <ogr:anvandning>PARK</ogr:anvandning>
    </ogr:plan>
  </ogr:featureMember>
</ogr:FeatureCollection>
